// Reads a multi-document YAML stream (kubectl kustomize's output) on stdin and checks every object against its
// schema: Kubernetes kinds with kubernetes-models (generated from the Kubernetes API's OpenAPI schemas), Dapr
// kinds with dapr-schemas.mjs. Prints one line per problem; exits 1 when there is any, or an object of a kind
// it has no schema for.
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import yaml from "js-yaml";
import { daprSchemas } from "./dapr-schemas.mjs";

const ajv = new Ajv({ allErrors: true, strict: false });
const daprValidators = Object.fromEntries(Object.entries(daprSchemas).map(([key, schema]) => [key, ajv.compile(schema)]));

async function kubernetesModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const path = group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
  try {
    return (await import(path))[kind];
  } catch {
    return undefined;
  }
}

const problems = [];
let checked = 0;
for (const object of yaml.loadAll(readFileSync(0, "utf8"))) {
  if (!object) continue;
  const name = `${object.kind ?? "?"} ${object.metadata?.name ?? "?"}`;
  const key = `${object.apiVersion}/${object.kind}`;
  checked++;
  if (daprValidators[key]) {
    const validate = daprValidators[key];
    if (!validate(object)) {
      for (const e of validate.errors) problems.push(`${name}: ${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`);
    }
    continue;
  }
  const Model = await kubernetesModel(object.apiVersion ?? "", object.kind ?? "");
  if (!Model) {
    problems.push(`${name}: no schema for ${key}`);
    continue;
  }
  if (object.kind === "Secret" && object.data) {
    // kustomize wraps long base64 values; the API server's decoder skips line breaks, the schema's "byte" format does not.
    for (const key of Object.keys(object.data)) object.data[key] = String(object.data[key]).replace(/\s+/g, "");
  }
  try {
    new Model(object).validate();
  } catch (e) {
    problems.push(`${name}: ${e.message}`);
  }
}
for (const p of problems) console.log(p);
console.log(`${checked} objects checked, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
