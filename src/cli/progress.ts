/** A one-line progress bar on a terminal (stderr); silent when not a TTY. */
export function progressBar(stream: NodeJS.WriteStream, label: string): { update(done: number, total: number): void; end(): void } {
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (!stream.isTTY) return;
      const t = Date.now();
      if (t - last < 100 && done < total) return;
      last = t;
      const width = 30;
      const frac = total > 0 ? done / total : 1;
      const filled = Math.round(frac * width);
      const rate = done / Math.max(0.001, (t - started) / 1000);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(1)}% ` +
          `${done.toLocaleString('en')}/${total.toLocaleString('en')} ${Math.round(rate).toLocaleString('en')}/s `,
      );
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}
