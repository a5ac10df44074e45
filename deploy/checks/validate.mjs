// Checks for the deployment files, run by deploy/check.sh:
//   node validate.mjs k8s <overlay-name> <rendered.yaml>   schema + security + wiring of one rendered overlay
//   node validate.mjs compose <docker-compose.yml>          compose-spec schema + healthchecks + depends_on
//   node validate.mjs image <image.tar> <service> <port>    a Jib docker-load tarball: user, port, entrypoint, layers
// Prints one "ok - ..." or "FAIL - ..." line per check and a last line "checks: N passed, N failed".
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseAllDocuments, parse } from "yaml";

const require = createRequire(import.meta.url);
let passed = 0;
let failed = 0;

function check(name, problems) {
  const list = (Array.isArray(problems) ? problems : [problems]).filter(Boolean);
  if (list.length === 0) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`FAIL - ${name}`);
    for (const p of list.slice(0, 20)) console.log(`    ${p}`);
  }
}

// ---------------------------------------------------------------- Kubernetes
const SERVICES = {
  "user-service": 8081,
  "chat-service": 8082,
  "image-service": 8083,
  "gateway-service": 8080,
};
const SCALED = ["gateway-service", "chat-service", "image-service"];
const WITH_DATABASE = ["user-service", "chat-service", "image-service"];

async function validateSchema(obj) {
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : [null, obj.apiVersion];
  const modulePath = group ? `kubernetes-models/${group}/${version}/${obj.kind}` : `kubernetes-models/${version}/${obj.kind}`;
  let Model;
  try {
    Model = (await import(modulePath))[obj.kind];
  } catch (e) {
    return `${obj.kind} ${obj.metadata?.name}: no schema for ${obj.apiVersion} ${obj.kind}`;
  }
  try {
    new Model(obj).validate();
    return null;
  } catch (e) {
    return `${obj.kind} ${obj.metadata?.name}: ${e.message.split("\n").slice(0, 3).join("; ")}`;
  }
}

function podTemplates(objects) {
  return objects
    .filter((o) => ["Deployment", "StatefulSet", "DaemonSet", "Job"].includes(o.kind))
    .map((o) => ({ owner: `${o.kind}/${o.metadata.name}`, name: o.metadata.name, spec: o.spec.template.spec }));
}

function securityProblems({ owner, spec }) {
  const problems = [];
  const pod = spec.securityContext ?? {};
  if (spec.hostNetwork || spec.hostPID || spec.hostIPC) problems.push(`${owner}: uses host namespaces`);
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    const sc = c.securityContext ?? {};
    const where = `${owner} container ${c.name}`;
    if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) problems.push(`${where}: runAsNonRoot is not true`);
    if ((sc.runAsUser ?? pod.runAsUser) === 0) problems.push(`${where}: runs as uid 0`);
    if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`);
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
    if (sc.privileged) problems.push(`${where}: privileged`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) problems.push(`${where}: capabilities do not drop ALL`);
    if ((sc.capabilities?.add ?? []).length) problems.push(`${where}: adds capabilities`);
    if ((sc.seccompProfile ?? pod.seccompProfile)?.type !== "RuntimeDefault")
      problems.push(`${where}: seccompProfile is not RuntimeDefault`);
    for (const kind of ["requests", "limits"])
      for (const r of ["cpu", "memory"])
        if (!c.resources?.[kind]?.[r]) problems.push(`${where}: no ${kind}.${r}`);
    const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
    const tmpVolume = tmp && (spec.volumes ?? []).find((v) => v.name === tmp.name);
    if (!tmpVolume?.emptyDir) problems.push(`${where}: /tmp is not an emptyDir (needed with a read-only root)`);
    if (/:latest$/.test(c.image) || !/:/.test(c.image)) problems.push(`${where}: image ${c.image} has no pinned tag`);
  }
  return problems;
}

function probeProblems({ owner, name, spec }) {
  if (!(name in SERVICES)) return [];
  const c = spec.containers[0];
  const port = c.ports?.find((p) => p.name === "http");
  const problems = [];
  if (port?.containerPort !== SERVICES[name]) problems.push(`${owner}: http port is ${port?.containerPort}, expected ${SERVICES[name]}`);
  const expect = { startupProbe: "/q/health/started", livenessProbe: "/q/health/live", readinessProbe: "/q/health/ready" };
  for (const [probe, path] of Object.entries(expect)) {
    if (c[probe]?.httpGet?.path !== path) problems.push(`${owner}: ${probe} is not GET ${path}`);
  }
  return problems;
}

function envNames(spec, objects) {
  // Every variable a container sees: env, plus the keys of the ConfigMaps/Secrets in envFrom that the overlay defines.
  const c = spec.containers[0];
  const names = new Set((c.env ?? []).map((e) => e.name));
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    const kind = from.configMapRef ? "ConfigMap" : "Secret";
    const obj = objects.find((o) => o.kind === kind && o.metadata.name === ref.name);
    for (const k of Object.keys({ ...(obj?.data ?? {}), ...(obj?.stringData ?? {}) })) names.add(k);
  }
  return names;
}

function referenceProblems(objects) {
  // Every ConfigMap/Secret a pod refers to is in the overlay, unless optional or documented as created by hand.
  const external = new Set(["user-service-db", "chat-service-db", "image-service-db", "studio-jwt", "studio-providers"]);
  const problems = [];
  for (const { owner, spec } of podTemplates(objects)) {
    const refs = [];
    for (const c of spec.containers) {
      for (const f of c.envFrom ?? []) refs.push(f.configMapRef ? ["ConfigMap", f.configMapRef] : ["Secret", f.secretRef]);
      for (const e of c.env ?? []) {
        if (e.valueFrom?.configMapKeyRef) refs.push(["ConfigMap", e.valueFrom.configMapKeyRef]);
        if (e.valueFrom?.secretKeyRef) refs.push(["Secret", e.valueFrom.secretKeyRef]);
      }
    }
    for (const v of spec.volumes ?? []) if (v.configMap) refs.push(["ConfigMap", v.configMap]);
    for (const [kind, ref] of refs) {
      const found = objects.find((o) => o.kind === kind && o.metadata.name === ref.name);
      if (!found && !ref.optional && !(kind === "Secret" && external.has(ref.name)))
        problems.push(`${owner}: ${kind} ${ref.name} is not defined`);
      if (found && ref.key && !(ref.key in { ...found.data, ...found.stringData }))
        problems.push(`${owner}: ${kind} ${ref.name} has no key ${ref.key}`);
    }
  }
  return problems;
}

function selects(selector, labels) {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === "In" && !e.values.includes(labels[e.key])) return false;
    if (e.operator === "NotIn" && e.values.includes(labels[e.key])) return false;
    if (e.operator === "Exists" && !(e.key in labels)) return false;
  }
  return true;
}

function networkProblems(objects) {
  const policies = objects.filter((o) => o.kind === "NetworkPolicy");
  const problems = [];
  const deny = policies.find((p) => Object.keys(p.spec.podSelector ?? {}).length === 0 && !p.spec.ingress && !p.spec.egress);
  if (!deny || !["Ingress", "Egress"].every((t) => deny.spec.policyTypes.includes(t)))
    problems.push("no default-deny policy for ingress and egress");
  const labelsOf = (name) => ({ "app.kubernetes.io/name": name });
  // Which workloads accept traffic from another namespace (the ingress controller)?
  const fromOutside = new Set();
  for (const p of policies)
    for (const rule of p.spec.ingress ?? [])
      for (const peer of rule.from ?? [])
        if (peer.namespaceSelector || peer.ipBlock)
          for (const w of podTemplates(objects)) if (selects(p.spec.podSelector, labelsOf(w.name))) fromOutside.add(w.name);
  const expected = ["gateway-service", "web-client"];
  if ([...fromOutside].sort().join() !== expected.join())
    problems.push(`traffic from outside the namespace reaches [${[...fromOutside]}], expected only [${expected}]`);
  // Only the services with a database may open 5432.
  for (const w of podTemplates(objects)) {
    const egress5432 = policies.some((p) =>
      selects(p.spec.podSelector, labelsOf(w.name)) &&
      (p.spec.egress ?? []).some((r) => (r.ports ?? []).some((port) => port.port === 5432)));
    if (egress5432 !== WITH_DATABASE.includes(w.name)) problems.push(`${w.name}: database egress is ${egress5432}`);
  }
  return problems;
}

function wiringProblems(objects, overlay) {
  const problems = [];
  const deployments = objects.filter((o) => o.kind === "Deployment");
  for (const name of [...Object.keys(SERVICES), "web-client"]) {
    const d = deployments.find((o) => o.metadata.name === name);
    if (!d) { problems.push(`no Deployment ${name}`); continue; }
    const svc = objects.find((o) => o.kind === "Service" && o.metadata.name === name);
    if (!svc || !selects({ matchLabels: svc.spec.selector }, d.spec.template.metadata.labels))
      problems.push(`Service ${name} does not select its pods`);
    const pdb = objects.find((o) => o.kind === "PodDisruptionBudget" && selects(o.spec.selector, d.spec.template.metadata.labels));
    if (!pdb) problems.push(`no PodDisruptionBudget for ${name}`);
    const hpa = objects.find((o) => o.kind === "HorizontalPodAutoscaler" && o.spec.scaleTargetRef.name === name);
    if (SCALED.includes(name) !== Boolean(hpa)) problems.push(`${name}: HorizontalPodAutoscaler ${hpa ? "unexpected" : "missing"}`);
  }
  const ingress = objects.find((o) => o.kind === "Ingress");
  const paths = Object.fromEntries((ingress?.spec.rules?.[0]?.http?.paths ?? []).map((p) => [p.path, p.backend.service.name]));
  if (paths["/api"] !== "gateway-service" || paths["/"] !== "web-client")
    problems.push(`Ingress routes ${JSON.stringify(paths)}, expected /api -> gateway-service and / -> web-client`);
  // The configuration names of the README reach the services that read them.
  const need = {
    "user-service": ["STUDIO_DB_HOST", "STUDIO_DB_PORT", "STUDIO_DB_NAME", "STUDIO_DB_USER", "STUDIO_DB_PASSWORD", "STUDIO_JWT_ISSUER", "STUDIO_TRUSTED_PROXIES", "STUDIO_SESSION_COOKIE_SECURE"],
    "chat-service": ["STUDIO_DB_HOST", "STUDIO_DB_NAME", "STUDIO_DB_USER", "STUDIO_DB_PASSWORD", "STUDIO_JWT_ISSUER"],
    "image-service": ["STUDIO_DB_HOST", "STUDIO_DB_NAME", "STUDIO_DB_USER", "STUDIO_DB_PASSWORD", "STUDIO_JWT_ISSUER"],
    "gateway-service": ["STUDIO_USER_SERVICE_URL", "STUDIO_CHAT_SERVICE_URL", "STUDIO_IMAGE_SERVICE_URL", "STUDIO_LOCAL_MODE", "STUDIO_SESSION_COOKIE_SECURE", "STUDIO_TRUSTED_PROXIES"],
  };
  for (const [name, vars] of Object.entries(need)) {
    const d = deployments.find((o) => o.metadata.name === name);
    if (!d) continue;
    const names = envNames(d.spec.template.spec, objects);
    // Production's database Secrets are created by hand; their keys are documented, not rendered.
    const missing = vars.filter((v) => !names.has(v) && !(overlay === "production" && v.startsWith("STUDIO_DB_")));
    if (missing.length) problems.push(`${name}: no ${missing.join(", ")}`);
  }
  const config = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("studio-config"));
  if (config?.data?.STUDIO_LOCAL_MODE !== "false") problems.push("STUDIO_LOCAL_MODE is not false in the cluster");
  if (!/^http:\/\/user-service:8081$/.test(config?.data?.STUDIO_JWT_ISSUER ?? "")) problems.push("STUDIO_JWT_ISSUER is not user-service's in-cluster URL");
  if (overlay === "production" && config?.data?.STUDIO_SESSION_COOKIE_SECURE !== "true") problems.push("production cookies are not Secure");
  if (overlay === "production" && !ingress?.spec.tls?.length) problems.push("production Ingress has no TLS");
  if (overlay === "production" && objects.some((o) => o.kind === "Secret")) problems.push("production renders Secrets (they must not be in git)");
  if (overlay === "local") {
    const pg = objects.find((o) => o.kind === "StatefulSet" && o.metadata.name === "postgres");
    if (!pg) problems.push("local has no PostgreSQL StatefulSet");
    const init = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("postgres-init"));
    const script = Object.values(init?.data ?? {}).join("\n");
    for (const db of ["studio_users", "studio_chat", "studio_images"])
      if (!script.includes(db)) problems.push(`the PostgreSQL init script does not create ${db}`);
  }
  return problems;
}

async function checkKubernetes(overlay, file) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  const parseErrors = docs.flatMap((d) => d.errors.map((e) => e.message));
  check(`${overlay}: rendered YAML parses`, parseErrors);
  const objects = docs.map((d) => d.toJS()).filter(Boolean);
  const schemaProblems = [];
  for (const o of objects) {
    const p = await validateSchema(o);
    if (p) schemaProblems.push(p);
  }
  check(`${overlay}: ${objects.length} objects valid against the Kubernetes schemas (kubernetes-models)`, schemaProblems);
  const templates = podTemplates(objects);
  check(`${overlay}: every container non-root, read-only root, no escalation, drops ALL, RuntimeDefault seccomp, limits, /tmp emptyDir, pinned image (${templates.length} workloads)`,
    templates.flatMap(securityProblems));
  check(`${overlay}: services probe /q/health/started, /live and /ready on their ports`, templates.flatMap(probeProblems));
  check(`${overlay}: ConfigMaps and Secrets referenced by pods exist or are documented`, referenceProblems(objects));
  check(`${overlay}: Services, PodDisruptionBudgets, HPAs (gateway, chat, image), Ingress and configuration names`, wiringProblems(objects, overlay));
  check(`${overlay}: NetworkPolicies (default deny; only gateway and web client from outside; only services with a database reach 5432)`, networkProblems(objects));
}

// ---------------------------------------------------------------- docker-compose
async function checkCompose(file) {
  let compose;
  try {
    compose = parse(readFileSync(file, "utf8"), { merge: true });
    check("docker-compose.yml parses (YAML 1.2 with merge keys)", []);
  } catch (e) {
    check("docker-compose.yml parses (YAML 1.2 with merge keys)", e.message);
    return;
  }
  const Ajv = require("ajv");
  const addFormats = require("ajv-formats");
  // dclint ships the compose-spec schema (schemas/compose.schema.json) but does not export it as a module path.
  const schemaFile = new URL("node_modules/dclint/schemas/compose.schema.json", import.meta.url);
  const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // Its "$schema" is draft-07 under an https URL that Ajv does not know by that name; Ajv's default is draft-07.
  delete schema.$schema;
  const validate = ajv.compile(schema);
  const valid = validate(compose);
  check("docker-compose.yml valid against the compose-spec schema (shipped in dclint)",
    valid ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`));
  const services = compose.services ?? {};
  const problems = [];
  for (const name of ["postgres", ...Object.keys(SERVICES), "web-client"]) {
    const s = services[name];
    if (!s) { problems.push(`no service ${name}`); continue; }
    if (!s.healthcheck?.test) problems.push(`${name}: no healthcheck`);
    for (const [dep, cond] of Object.entries(s.depends_on ?? {}))
      if (cond.condition !== "service_healthy") problems.push(`${name}: depends_on ${dep} is not service_healthy`);
    if (name !== "postgres") {
      if (s.read_only !== true) problems.push(`${name}: root filesystem not read-only`);
      if (!(s.cap_drop ?? []).includes("ALL")) problems.push(`${name}: does not drop ALL capabilities`);
      if (!(s.tmpfs ?? []).some((t) => String(t).startsWith("/tmp"))) problems.push(`${name}: no tmpfs /tmp`);
    }
  }
  const dbOf = { "user-service": "studio_users", "chat-service": "studio_chat", "image-service": "studio_images" };
  for (const [name, db] of Object.entries(dbOf)) {
    const env = services[name]?.environment ?? {};
    for (const v of ["STUDIO_DB_HOST", "STUDIO_DB_PORT", "STUDIO_DB_NAME", "STUDIO_DB_USER", "STUDIO_DB_PASSWORD", "STUDIO_JWT_ISSUER"])
      if (!(v in env)) problems.push(`${name}: no ${v}`);
    if (env.STUDIO_DB_NAME !== db) problems.push(`${name}: STUDIO_DB_NAME is ${env.STUDIO_DB_NAME}, expected ${db}`);
    if (!(services[name]?.depends_on ?? {}).postgres) problems.push(`${name}: does not wait for postgres`);
  }
  const gw = services["gateway-service"]?.environment ?? {};
  for (const v of ["STUDIO_USER_SERVICE_URL", "STUDIO_CHAT_SERVICE_URL", "STUDIO_IMAGE_SERVICE_URL", "STUDIO_LOCAL_MODE"])
    if (!(v in gw)) problems.push(`gateway-service: no ${v}`);
  const init = (services.postgres?.volumes ?? []).some((v) => String(v).includes("docker-entrypoint-initdb.d"));
  if (!init) problems.push("postgres: no init script creating the three databases");
  check("docker-compose.yml: healthchecks, depends_on service_healthy, hardening, same configuration names", problems);
}

// ---------------------------------------------------------------- Jib image tarballs
function checkImage(file, name, port) {
  const { execFileSync } = require("node:child_process");
  const dir = execFileSync("mktemp", ["-d", "/tmp/studio-image-check.XXXXXX"]).toString().trim();
  try {
    execFileSync("tar", ["-xf", file, "-C", dir], { stdio: ["ignore", "ignore", "ignore"] });
    const [manifest] = JSON.parse(readFileSync(`${dir}/manifest.json`, "utf8"));
    const config = JSON.parse(readFileSync(`${dir}/${manifest.Config}`, "utf8"));
    const files = manifest.Layers.map((layer) =>
      execFileSync("tar", ["-tzf", `${dir}/${layer}`], { stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 << 20 })
        .toString().split("\n").filter(Boolean));
    const layerOf = (pattern) => files.findIndex((list) => list.some((f) => pattern.test(f)));
    const c = config.config ?? {};
    const problems = [];
    if (!manifest.RepoTags?.[0]?.startsWith(`ai-studio-3d/${name}:`)) problems.push(`tag ${manifest.RepoTags}`);
    if (c.User !== "185") problems.push(`user is ${JSON.stringify(c.User)}, expected 185 (non-root)`);
    if (!c.ExposedPorts?.[`${port}/tcp`]) problems.push(`exposed ports ${JSON.stringify(c.ExposedPorts)}, expected ${port}/tcp`);
    const entry = (c.Entrypoint ?? []).join(" ");
    if (!/-jar quarkus-run\.jar/.test(entry) && !/run-java\.sh/.test(entry)) problems.push(`entrypoint ${entry}`);
    const jvmFlags = `${entry} ${(c.Env ?? []).join(" ")}`;
    if (!/MaxRAMPercentage=75/.test(jvmFlags)) problems.push("no -XX:MaxRAMPercentage=75 (heap sized from the container limit)");
    if (!/ExitOnOutOfMemoryError/.test(jvmFlags)) problems.push("no -XX:+ExitOnOutOfMemoryError");
    if (name === "chat-service" && !/TieredStopAtLevel=1/.test(jvmFlags)) problems.push("chat-service without -XX:TieredStopAtLevel=1 (C1 only)");
    const libs = layerOf(/^home\/jboss\/lib\/main\/.+\.jar$/);
    const app = layerOf(new RegExp(`^home/jboss/app/${name}-.+\\.jar$`));
    const runner = layerOf(/^home\/jboss\/quarkus-run\.jar$/);
    if (libs < 0 || app < 0 || runner < 0) problems.push("missing lib/main jars, app jar or quarkus-run.jar");
    else if (libs === app) problems.push("dependencies and application share a layer (every change would re-push the libraries)");
    check(`image ${name}: ${manifest.Layers.length} layers, user ${c.User}, port ${port}, entrypoint and JVM flags, dependencies apart from the app`, problems);
  } finally {
    execFileSync("rm", ["-rf", dir]);
  }
}

const [mode, ...args] = process.argv.slice(2);
if (mode === "k8s") await checkKubernetes(args[0], args[1]);
else if (mode === "compose") await checkCompose(args[0]);
else if (mode === "image") checkImage(args[0], args[1], args[2]);
else { console.error("usage: validate.mjs k8s <overlay> <rendered.yaml> | compose <docker-compose.yml>"); process.exit(2); }
console.log(`checks: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
