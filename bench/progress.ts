/**
 * A progress bar on stderr: redrawn in place on a terminal, a line at each quarter otherwise (a CI log). Returns the
 * function to call with the fraction done; call `done()` to end the line.
 */
export function progressBar(label: string): { update(fraction: number): void; done(note?: string): void } {
  const tty = process.stderr.isTTY === true;
  const width = 30;
  let lastQuarter = -1;
  let lastDrawn = 0;
  const draw = (fraction: number) => {
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
    return `${label.padEnd(34)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%`;
  };
  return {
    update(fraction) {
      if (tty) {
        const now = Date.now();
        if (now - lastDrawn < 100 && fraction < 1) return;
        lastDrawn = now;
        process.stderr.write(`\r${draw(fraction)}`);
        return;
      }
      const quarter = Math.floor(fraction * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        process.stderr.write(`${draw(fraction)}\n`);
      }
    },
    done(note = '') {
      if (tty) process.stderr.write(`\r${draw(1)} ${note}\n`);
      else process.stderr.write(`${label} done ${note}\n`);
    },
  };
}
