// Health, metrics and the OpenAPI document are served on Heraldo's management port only (the http port answers 404
// for /q/*): every probe, scrape and NetworkPolicy rule of the rendered manifests must point at that port.
//   node management-port.mjs rendered.yaml ...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const errors = [];
let checked = 0;
for (const file of process.argv.slice(2)) {
  const objects = parseAllDocuments(readFileSync(file, "utf8")).map((doc) => doc.toJS()).filter(Boolean);
  const where = (o) => `${file}: ${o.kind} ${o.metadata?.name}`;
  for (const object of objects) {
    if (object.kind === "Deployment") {
      const pod = object.spec.template;
      for (const container of pod.spec.containers) {
        const ports = new Map((container.ports ?? []).map((p) => [p.name, p.containerPort]));
        if (!ports.has("management")) {
          errors.push(`${where(object)}: container ${container.name} has no port named management`);
        }
        for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
          const get = container[probe]?.httpGet;
          if (!get || get.port !== "management" || !get.path.startsWith("/q/health/")) {
            errors.push(`${where(object)}: ${probe} is not a /q/health/* GET on the management port`);
          }
        }
        const scrapePort = pod.metadata?.annotations?.["prometheus.io/port"];
        if (scrapePort !== undefined && Number(scrapePort) !== ports.get("management")) {
          errors.push(`${where(object)}: prometheus.io/port ${scrapePort} is not the management port`);
        }
      }
      checked++;
    }
    if (object.kind === "Service" && !object.spec.ports.some((p) => p.name === "management" && p.targetPort === "management")) {
      errors.push(`${where(object)}: no port named management targeting the container's management port`);
    }
    if (object.kind === "ServiceMonitor" && !object.spec.endpoints.every((e) => e.port === "management" && e.path === "/q/metrics")) {
      errors.push(`${where(object)}: an endpoint does not scrape /q/metrics on the management port`);
    }
    if (object.kind === "NetworkPolicy" && !object.spec.ingress.some((rule) => rule.ports?.some((p) => p.port === "management"))) {
      errors.push(`${where(object)}: the management port is not reachable`);
    }
  }
}
errors.forEach((e) => console.error(`FAIL ${e}`));
console.log(`management-port: ${checked} Deployment(s) checked, ${errors.length} error(s)`);
process.exit(errors.length > 0 || checked === 0 ? 1 : 0);
