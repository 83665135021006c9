// Validates every object of the given multi-document YAML files against the Kubernetes schemas, offline, with the
// models of the npm kubernetes-models packages (core API, prometheus-operator, KEDA): types, required fields, formats.
// An object whose apiVersion and kind have no model fails too: nothing goes through unchecked. The models' validators
// let unknown fields pass, so this also fails on any field the schema never looked at (a misspelt `readinesProbe`
// would otherwise be dropped silently by the API server). Exit 1 on any error.
//   node validate.mjs rendered.yaml ...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const PACKAGES = [
  // [apiVersion group, package]
  ["monitoring.coreos.com", "@kubernetes-models/prometheus-operator"],
  ["keda.sh", "@kubernetes-models/keda"],
];

async function modelOf(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const pkg = PACKAGES.find(([g]) => g === group)?.[1] ?? "kubernetes-models";
  try {
    const module = await import(`${pkg}/${apiVersion}/${kind}`);
    return module[kind];
  } catch (e) {
    if (e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || e.code === "ERR_MODULE_NOT_FOUND") {
      return undefined;
    }
    throw e;
  }
}

/**
 * The object behind proxies that note every property the validator reads, path by path. The validators read each
 * property their schema defines and walk over every key of a map (labels, ConfigMap data), so a key never read at its
 * path is one the schema does not know.
 */
function watched(value, path, reads) {
  if (value === null || typeof value !== "object") {
    return value;
  }
  const copy = Array.isArray(value) ? [] : {};
  for (const [key, child] of Object.entries(value)) {
    copy[key] = watched(child, `${path}/${key}`, reads);
  }
  if (!reads.has(path)) {
    reads.set(path, new Set());
  }
  const seen = reads.get(path);
  return new Proxy(copy, {
    get(target, key, receiver) {
      if (typeof key === "string") {
        seen.add(key);
      }
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === "string") {
        seen.add(key);
      }
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      for (const key of Reflect.ownKeys(target)) {
        if (typeof key === "string") {
          seen.add(key);
        }
      }
      return Reflect.ownKeys(target);
    },
  });
}

function unknownFields(value, path, reads, found) {
  if (value === null || typeof value !== "object") {
    return found;
  }
  const seen = reads.get(path);
  for (const [key, child] of Object.entries(value)) {
    if (!Array.isArray(value) && seen && !seen.has(key)) {
      found.push(`${path}/${key}`);
    } else {
      unknownFields(child, `${path}/${key}`, reads, found);
    }
  }
  return found;
}

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      console.error(`FAIL ${file}: YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
      failed++;
      continue;
    }
    const object = doc.toJS();
    if (object == null) {
      continue;
    }
    const name = `${file}: ${object.kind ?? "?"} ${object.metadata?.name ?? "?"}`;
    if (!object.apiVersion || !object.kind || !object.metadata?.name) {
      console.error(`FAIL ${name}: apiVersion, kind and metadata.name are required`);
      failed++;
      continue;
    }
    const Model = await modelOf(object.apiVersion, object.kind);
    if (!Model) {
      console.error(`FAIL ${name}: no schema for ${object.apiVersion} ${object.kind}`);
      failed++;
      continue;
    }
    const reads = new Map();
    const errors = [];
    try {
      // The model's constructor copies (and so reads) everything: its validator runs on the watched object instead.
      Model.prototype.validate.call(watched(object, "", reads));
    } catch (e) {
      errors.push(e.message);
    }
    const unknown = unknownFields(object, "", reads, []);
    if (unknown.length > 0) {
      errors.push(`unknown field(s) ${unknown.join(", ")}`);
    }
    if (errors.length > 0) {
      console.error(`FAIL ${name}: ${errors.join("; ")}`);
      failed++;
    } else {
      passed++;
    }
  }
}
console.log(`k8s-schemas: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
