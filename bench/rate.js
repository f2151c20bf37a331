// One timing loop for the in-process benches: wall time, and this process's CPU time (steadier on a
// busy machine, where wall time includes time spent waiting for a core). Returns CPU ns per call.
export function rate(label, n, fn, { warm = Math.min(n, 50_000), width = 50, micro = false, quiet = false } = {}) {
  for (let i = 0; i < warm; i++) fn(i); // warm-up
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  const ns = Number(process.hrtime.bigint() - t0);
  const c = process.cpuUsage(c0);
  const cpuNs = ((c.user + c.system) * 1000) / n;
  const each = micro ? `${(cpuNs / 1000).toFixed(2)} µs each` : `${cpuNs.toFixed(0)} ns each`;
  if (!quiet)
    console.log(
      `${label.padEnd(width)} ${(n / (ns / 1e9)).toFixed(0).padStart(9)} /s wall ${(1e9 / cpuNs).toFixed(0).padStart(9)} /s cpu  (${each})`,
    );
  return cpuNs;
}
