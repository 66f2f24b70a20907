// The closed loop every Node driver shares: CALLERS concurrent callers repeat one operation for a while,
// and the driver reports operations, wall time, this process's CPU time and the median latency.
// A driver stays up and reads commands from stdin, one per line ("run <op> <callers> <millis>",
// "quit"), so that one warmed process answers every round of an A B A B comparison; each command gets one
// JSON line on stdout: {"ops":N,"millis":T,"cpuMicros":C,"p50Micros":L} or {"error":"..."}.
import { createInterface } from 'node:readline';

export async function loop(operation, callers, millis) {
  const latencies = [];
  let ops = 0;
  let failure = null;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const end = start + BigInt(millis) * 1_000_000n;
  let next = 0;
  async function caller() {
    while (failure === null && process.hrtime.bigint() < end) {
      const t0 = process.hrtime.bigint();
      try {
        await operation(next++);
      } catch (e) {
        failure = e;
        return;
      }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1000);
      ops++;
    }
  }
  await Promise.all(Array.from({ length: callers }, caller));
  if (failure !== null) {
    throw failure;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  latencies.sort((a, b) => a - b);
  return { ops, millis: elapsed, cpuMicros: cpu.user + cpu.system, p50Micros: latencies[Math.floor(latencies.length / 2)] ?? 0 };
}

/** Serves "run" commands with the driver's operations ({name: (i) => Promise}) until stdin ends. */
export async function serve(operations) {
  const lines = createInterface({ input: process.stdin });
  console.log(JSON.stringify({ ready: true }));
  for await (const line of lines) {
    const [command, name, callers, millis] = line.trim().split(/\s+/);
    if (command === 'quit') {
      break;
    }
    try {
      const operation = operations[name];
      if (command !== 'run' || !operation) {
        throw new Error(`unknown command '${line}'; known: run <${Object.keys(operations).join('|')}> <callers> <millis>`);
      }
      console.log(JSON.stringify(await loop(operation, Number(callers), Number(millis))));
    } catch (e) {
      console.log(JSON.stringify({ error: String(e?.stack ?? e) }));
    }
  }
}
