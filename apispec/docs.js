// Renders /api/v1/openapi.json for people. Text from the document is only
// ever set as textContent, never parsed as HTML.
"use strict";

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function refName(ref) { return ref.split("/").pop(); }

// example builds a sample value from a schema, following $refs once.
function example(doc, s, seen) {
  if (!s) return null;
  if (s.$ref) {
    const name = refName(s.$ref);
    if (seen.has(name)) return "<" + name + ">";
    return example(doc, doc.components.schemas[name], new Set([...seen, name]));
  }
  if (s.allOf) return Object.assign({}, ...s.allOf.map((x) => example(doc, x, seen) || {}));
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (t) {
    case "object": {
      const o = {};
      for (const [k, v] of Object.entries(s.properties || {})) o[k] = example(doc, v, seen);
      return o;
    }
    case "array": return [example(doc, s.items, seen)];
    case "integer": case "number": return 0;
    case "boolean": return false;
    case "string": return s.format === "date-time" ? "2026-01-01T12:00:00Z" : "string";
  }
  return null;
}

function schemaBlock(doc, content) {
  const out = [];
  for (const [type, media] of Object.entries(content || {})) {
    const name = media.schema && media.schema.$ref ? " (" + refName(media.schema.$ref) + ")" : "";
    out.push(el("div", {}, type + name));
    if (type.includes("json")) out.push(el("pre", {}, JSON.stringify(example(doc, media.schema, new Set()), null, 2)));
  }
  return out;
}

function security(op) {
  if (!op.security) return "";
  const parts = op.security.map((r) => {
    const [k, scopes] = Object.entries(r)[0] || [];
    if (!k) return "none";
    return scopes && scopes.length ? k + " (" + scopes.join(", ") + ")" : k;
  });
  return "Auth: " + parts.join(" or ");
}

function render(doc) {
  document.getElementById("title").textContent = doc.info.title + " " + doc.info.version;
  document.getElementById("description").textContent = doc.info.description || "";
  const ops = document.getElementById("ops");
  const toc = document.getElementById("toc");
  ops.replaceChildren();
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags || ["Other"])[0];
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  }
  for (const [tag, list] of byTag) {
    toc.append(el("li", {}, el("h2", {}, tag)));
    ops.append(el("h2", {}, tag));
    for (const { path, method, op } of list) {
      const id = op.operationId || method + path;
      toc.append(el("li", {}, el("a", { href: "#" + id }, method.toUpperCase() + " " + path)));
      const sec = el("section", { class: "op", id });
      sec.append(el("h3", {}, el("span", { class: "method " + method }, method), path));
      sec.append(el("p", {}, op.summary || ""));
      if (op.description) sec.append(el("p", {}, op.description));
      sec.append(el("p", { class: "sec" }, security(op)));
      if (op.parameters) {
        sec.append(el("h4", {}, "Parameters"));
        const ul = el("ul");
        for (const p of op.parameters) ul.append(el("li", {}, p.name + " (" + p.in + ")" + (p.description ? ": " + p.description : "")));
        sec.append(ul);
      }
      if (op.requestBody) {
        sec.append(el("h4", {}, "Request body"), ...schemaBlock(doc, op.requestBody.content));
      }
      for (const [code, r] of Object.entries(op.responses || {})) {
        const resp = r.$ref ? doc.components.responses[refName(r.$ref)] : r;
        sec.append(el("h4", {}, "Response " + code + ": " + (resp.description || "")), ...schemaBlock(doc, resp.content));
      }
      ops.append(sec);
    }
  }
}

fetch("/api/v1/openapi.json")
  .then((r) => r.json())
  .then(render)
  .catch((err) => { document.getElementById("ops").textContent = "Could not load the API document: " + err; });
