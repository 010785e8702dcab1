/**
 * Messages of a crossing status report's details (pages/crossing-report-details.tsx):
 * who announced it, how it is known, its source and queues, who may read it,
 * and each verification. English is the reference. The ps, fa-AF, ur, tr and
 * ar texts are DRAFTS for native speakers to review. The visible "Details"
 * must stay inside `details.for` (the button's accessible name names the
 * report too, and must contain what sighted users read: WCAG 2.5.3). The
 * method labels come from ./crossing-forms.ts, the visibility labels from the
 * core catalogues. Registered in ./areas.ts, so strings.test.ts checks keys
 * and placeholders.
 */
import { defineStrings } from './strings.js';

const en = {
  'details.show': 'Details',
  'details.for': 'Details of report {id}',
  announcedBy: 'Announced by',
  method: 'How it is known',
  source: 'Source',
  queues: 'Waiting at the gate',
  'queue.trucks': '{n, plural, one {# loaded truck} other {# loaded trucks}}',
  'queue.people': '{n, plural, one {# person} other {# people}}',
  notStated: 'not stated',
  visibility: 'Who may read it',
  recordedBy: 'Recorded by',
  recordedAt: 'Recorded at',
  verifications: 'Verifications',
  notVerified: 'Not verified yet.',
  'v.by': 'Verified by',
  'v.observed': 'Observed at',
  'v.recorded': 'recorded {at}',
  'v.outcome': 'Outcome',
  'v.note': 'Note',
  'outcome.confirmed': 'confirmed',
  'outcome.disputed': 'disputed',
};

type Messages = Record<keyof typeof en, string>;

const ps: Messages = {
  'details.show': 'جزئیات',
  'details.for': 'د {id} راپور جزئیات',
  announcedBy: 'اعلان کوونکی',
  method: 'څنګه معلوم شوی',
  source: 'سرچینه',
  queues: 'په دروازه کې انتظار',
  'queue.trucks': '{n, plural, other {# بار شوې لارۍ}}',
  'queue.people': '{n, plural, other {# کسان}}',
  notStated: 'نه دی ویل شوی',
  visibility: 'څوک یې لوستلی شي',
  recordedBy: 'ثبت کوونکی',
  recordedAt: 'د ثبت وخت',
  verifications: 'تاییدونه',
  notVerified: 'لا تایید شوی نه دی.',
  'v.by': 'تایید کوونکی',
  'v.observed': 'د کتنې وخت',
  'v.recorded': 'په {at} ثبت شوی',
  'v.outcome': 'پایله',
  'v.note': 'یادښت',
  'outcome.confirmed': 'تایید شوی',
  'outcome.disputed': 'پر هغه اختلاف',
};

const faAF: Messages = {
  'details.show': 'جزئیات',
  'details.for': 'جزئیات گزارش {id}',
  announcedBy: 'اعلام‌کننده',
  method: 'از کجا معلوم است',
  source: 'منبع',
  queues: 'انتظار در دروازه',
  'queue.trucks': '{n, plural, other {# موتر باربری پُر}}',
  'queue.people': '{n, plural, other {# نفر}}',
  notStated: 'ذکر نشده',
  visibility: 'چه کسی می‌تواند بخواند',
  recordedBy: 'ثبت‌کننده',
  recordedAt: 'زمان ثبت',
  verifications: 'تأییدها',
  notVerified: 'هنوز تأیید نشده است.',
  'v.by': 'تأییدکننده',
  'v.observed': 'زمان مشاهده',
  'v.recorded': 'ثبت‌شده در {at}',
  'v.outcome': 'نتیجه',
  'v.note': 'یادداشت',
  'outcome.confirmed': 'تأیید شده',
  'outcome.disputed': 'مورد اختلاف',
};

const ur: Messages = {
  'details.show': 'تفصیلات',
  'details.for': 'رپورٹ {id} کی تفصیلات',
  announcedBy: 'اعلان کنندہ',
  method: 'کیسے معلوم ہوا',
  source: 'ماخذ',
  queues: 'گیٹ پر انتظار',
  'queue.trucks': '{n, plural, other {# لدے ہوئے ٹرک}}',
  'queue.people': '{n, plural, one {# فرد} other {# افراد}}',
  notStated: 'درج نہیں',
  visibility: 'کون پڑھ سکتا ہے',
  recordedBy: 'درج کنندہ',
  recordedAt: 'اندراج کا وقت',
  verifications: 'تصدیقات',
  notVerified: 'ابھی تصدیق نہیں ہوئی۔',
  'v.by': 'تصدیق کنندہ',
  'v.observed': 'مشاہدے کا وقت',
  'v.recorded': '{at} کو درج',
  'v.outcome': 'نتیجہ',
  'v.note': 'نوٹ',
  'outcome.confirmed': 'تصدیق شدہ',
  'outcome.disputed': 'متنازع',
};

const tr: Messages = {
  'details.show': 'Ayrıntılar',
  'details.for': 'Ayrıntılar: rapor {id}',
  announcedBy: 'Duyuran',
  method: 'Nasıl biliniyor',
  source: 'Kaynak',
  queues: 'Kapıda bekleyenler',
  'queue.trucks': '{n, plural, other {# yüklü kamyon}}',
  'queue.people': '{n, plural, other {# kişi}}',
  notStated: 'belirtilmedi',
  visibility: 'Kimler okuyabilir',
  recordedBy: 'Kaydeden',
  recordedAt: 'Kayıt zamanı',
  verifications: 'Doğrulamalar',
  notVerified: 'Henüz doğrulanmadı.',
  'v.by': 'Doğrulayan',
  'v.observed': 'Gözlem zamanı',
  'v.recorded': 'kayıt: {at}',
  'v.outcome': 'Sonuç',
  'v.note': 'Not',
  'outcome.confirmed': 'doğrulandı',
  'outcome.disputed': 'itirazlı',
};

const ar: Messages = {
  'details.show': 'التفاصيل',
  'details.for': 'التفاصيل: التقرير {id}',
  announcedBy: 'الجهة المعلِنة',
  method: 'كيف عُرف ذلك',
  source: 'المصدر',
  queues: 'المنتظرون عند البوابة',
  'queue.trucks': 'الشاحنات المحمّلة: {n, plural, other {#}}',
  'queue.people': 'الأشخاص: {n, plural, other {#}}',
  notStated: 'غير مذكور',
  visibility: 'من يحق له الاطلاع',
  recordedBy: 'سجّله',
  recordedAt: 'وقت التسجيل',
  verifications: 'عمليات التحقق',
  notVerified: 'لم يُتحقَّق منه بعد.',
  'v.by': 'المتحقِّق',
  'v.observed': 'وقت المشاهدة',
  'v.recorded': 'سُجّل في {at}',
  'v.outcome': 'النتيجة',
  'v.note': 'ملاحظة',
  'outcome.confirmed': 'مؤكَّد',
  'outcome.disputed': 'متنازع عليه',
};

export const crossingReportStrings = defineStrings({ en, ps, 'fa-AF': faAF, ur, tr, ar });
