/**
 * The demo's border crossings and ceasefire clauses. Crossings: the main
 * Afghanistan–Pakistan crossing points, decimal degrees (WGS 84), Afghan side
 * first. Torkham and Chaman–Spin Boldak are placed at the gates; Ghulam Khan,
 * Angoor Adda and Kharlachi to within a few kilometres.
 *
 * Clauses: a short structured reading of what the process agreed or put on
 * the table — the Doha ceasefire (19 October 2025), the mediators' statement
 * after the first Istanbul round (30 October 2025: a monitoring and
 * verification mechanism that penalises the violating party), and the items
 * each side raised (armed groups; airspace; crossings; returns). Written for
 * the demo; not the text of any agreement.
 */
import type { Clause, Crossing } from '../domain/entries/workspace.js';

export const CROSSINGS: Crossing[] = [
  {
    id: 'torkham', name: 'Torkham', latitude: 34.1, longitude: 71.09,
    sides: ['Afghanistan: Momand Dara district, Nangarhar', 'Pakistan: Landi Kotal, Khyber district, Khyber Pakhtunkhwa'],
  },
  {
    id: 'chaman-spin-boldak', name: 'Chaman–Spin Boldak (Friendship Gate)', latitude: 30.92, longitude: 66.44,
    sides: ['Afghanistan: Spin Boldak district, Kandahar', 'Pakistan: Chaman district, Balochistan'],
  },
  {
    id: 'ghulam-khan', name: 'Ghulam Khan', latitude: 33.2, longitude: 70.0,
    sides: ['Afghanistan: Gurbuz district, Khost', 'Pakistan: Ghulam Khan, North Waziristan, Khyber Pakhtunkhwa'],
  },
  {
    id: 'angoor-adda', name: 'Angoor Adda', latitude: 32.32, longitude: 69.43,
    sides: ['Afghanistan: Barmal district, Paktika', 'Pakistan: South Waziristan, Khyber Pakhtunkhwa'],
  },
  {
    id: 'kharlachi', name: 'Kharlachi', latitude: 33.83, longitude: 69.93,
    sides: ['Afghanistan: Dand-e-Patan district, Paktia', 'Pakistan: Kurram district, Khyber Pakhtunkhwa'],
  },
];

export const CLAUSES: Clause[] = [
  {
    id: 'C1', title: 'Cessation of hostilities (Doha, 19 October 2025)',
    text: 'Both parties stop all offensive military action against each other from the moment the ceasefire takes effect: ground fire, artillery and mortar fire, air strikes and drone strikes across the border. The ceasefire continues while the follow-up talks go on.',
  },
  {
    id: 'C2', title: 'No support for armed groups',
    text: 'Neither party lets armed groups use its territory to plan, prepare or launch attacks on the other. Each party takes verifiable, time-bound action against such groups and reports that action to the mechanism.',
  },
  {
    id: 'C3', title: 'Airspace',
    text: 'Each party respects the airspace of the other. Strikes and unconsented flights of armed or surveillance aircraft, drones included, over the other party’s territory are violations. Whether a party answers for third-country use of its airspace remains on the agenda.',
  },
  {
    id: 'C4', title: 'Protection of civilians',
    text: 'Civilians, homes, markets, schools and clinics are never targeted. Fire that strikes populated areas is reported to the mechanism whoever fired it and for whatever reason.',
  },
  {
    id: 'C5', title: 'Trade and transit crossings kept open',
    text: 'The agreed crossings stay open to cargo, pedestrians, returnees and humanitarian cases. A closure on security grounds is notified to the mechanism, in advance where possible, with its reason and expected length; patients needing medical care are let through.',
  },
  {
    id: 'C6', title: 'Dignified return of refugees',
    text: 'Returns of refugees and deportees are phased, dignified and announced in advance through named crossings. The numbers returned are counted jointly at the crossing and reported as totals, without personal data.',
  },
  {
    id: 'C7', title: 'Monitoring and verification mechanism (Istanbul, 30 October 2025)',
    text: 'Complaints go to the mechanism, which notifies the accused party. The accused party acknowledges receipt within 2 hours and responds within 72 hours. Verification teams get access to the sites concerned; a refusal of access is recorded and may itself be found a violation.',
  },
  {
    id: 'C8', title: 'Penalties for violations',
    text: 'A violation established in a finding signed by both mediators leads to the consequence agreed in advance, from public naming and a remedial report to the suspension of a reciprocal benefit and referral to the guarantors.',
  },
  {
    id: 'C9', title: 'Information sharing and confidence-building',
    text: 'The parties share information on threats to the ceasefire through the mechanism and take the confidence-building steps agreed at each round, one step at a time.',
  },
];
