// Azurite's table persistence layer alone (LokiTableMetadataStore in this process, no HTTP, no Azurite server): what the
// reminder sweep's table operations cost there at a given table size, to tell the emulator's own scaling apart from the
// sweep's. Rows are shaped like the app's (ReminderSchedule: hour bucket, "{id}-1-120"; Appointments: id, "appointment")
// and inserted in key order, as the benchmark seeds them. See bench/README.md, (e).
// Usage: node --expose-gc --max-old-space-size=8192 bench/azurite-table-costs.js . <future reminder rows> [future appointments]
// (1,000,000 takes about ten minutes, most of it inserting the appointments.)
const path = require("path");
const root = process.argv[2];
const rows = Number(process.argv[3]);
const appointments = Number(process.argv[4] ?? rows);
const Store = require(path.join(root, "node_modules/azurite/dist/src/table/persistence/LokiTableMetadataStore.js")).default;

const context = { contextID: "bench" };
const account = "devstoreaccount1";
const pad = (n, w) => String(n).padStart(w, "0");
const id = (i) => pad(i.toString(16), 32);
const eTag = "W/\"datetime'2026-12-02T11%3A30%3A00.0000000Z'\"";
const entity = (pk, rk, properties) => ({ PartitionKey: pk, RowKey: rk, properties, lastModifiedTime: "2026-12-02T11:30:00.0000000Z", eTag });
const schedule = (bucket, i, status) => entity(bucket, `${id(i)}-1-120`, {
  AppointmentId: id(i), Version: 1, LeadMinutes: 120, DueAt: "2026-12-02T10:30:00.0000000Z", "DueAt@odata.type": "Edm.DateTime", Status: status,
});

async function time(label, count, action) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await action(i);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${label}: ${count} in ${ms.toFixed(1)} ms, ${(ms / count).toFixed(3)} ms each`);
}

(async () => {
  const store = new Store("bench-loki", true);
  await store.init();
  await store.createTable(context, { account, table: "ReminderSchedule" });
  await store.createTable(context, { account, table: "Appointments" });
  const due = 1000;
  // In key order, as the benchmark seeds: the due rows' buckets come first, then the future rows' later buckets.
  for (let i = 0; i < due; i++) await store.insertTableEntity(context, "ReminderSchedule", account, schedule(i < 500 ? "2026120210" : "2026120211", i, "scheduled"), "");
  for (let i = 0; i < rows; i++) await store.insertTableEntity(context, "ReminderSchedule", account, schedule(`2026${pad(1203 + Math.floor(i / 2800), 4)}${pad(8 + (i % 10), 2)}`, due + i, "scheduled"), "");
  for (let i = 0; i < appointments + due; i++) await store.insertTableEntity(context, "Appointments", account, entity(id(i), "appointment", { Version: 1, Status: "scheduled" }), "");
  global.gc?.();
  console.log(`ReminderSchedule ${due + rows} rows, Appointments ${appointments + due} rows; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);

  const filter = "PartitionKey eq '2026120210' and DueAt le datetime'2026-12-02T11:30:00.0000000Z' and Status ne 'sent' and Status ne 'skipped'";
  await time("query ReminderSchedule (one hour bucket)", 4, async () => {
    const [result] = await store.queryTableEntities(context, account, "ReminderSchedule", { filter }, undefined, undefined);
    if (result.length !== 500) throw new Error(`query found ${result.length}`);
  });
  await time("point read Appointments", 1000, (i) => store.queryTableEntitiesWithPartitionAndRowKey(context, "Appointments", account, id(i), "appointment", ""));
  await time("point read ReminderSchedule", 1000, (i) => store.queryTableEntitiesWithPartitionAndRowKey(context, "ReminderSchedule", account, i < 500 ? "2026120210" : "2026120211", `${id(i)}-1-120`, ""));
  await time("merge ReminderSchedule (claim, with If-Match)", 1000, (i) => store.mergeTableEntity(context, "ReminderSchedule", account,
    entity(i < 500 ? "2026120210" : "2026120211", `${id(i)}-1-120`, { Status: "queued", QueuedAt: "2026-12-02T11:30:00.0000000Z", "QueuedAt@odata.type": "Edm.DateTime" }), eTag, ""));
})();
