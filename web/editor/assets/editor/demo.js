// Removing the demo knowledge base (on /editor/import): how many demo
// articles are still as shipped, and a button that moves those to the bin.
// Demo articles someone changed stay, and are named.
import { api, problem } from "./api.js";
import { $, confirmBox, say } from "./dom.js";
import { T } from "./page.js";

export async function viewDemo() {
  const r = await api("GET", "/api/v1/editor/demo");
  if (!r.ok) return; // not offered, or nothing to say
  show(r.data);
  $("demo-remove").addEventListener("click", async () => {
    const c = await confirmBox(T("editor.demo.confirm", r.data.removable.length), T("editor.demo.remove"));
    if (!c.ok) return;
    say("demo-error", "");
    const done = await api("POST", "/api/v1/editor/demo/remove");
    if (!done.ok) { say("demo-error", problem(done)); return; }
    r.data = { ...done.data, removable: [] };
    show(done.data, true);
    $("demo-status").focus();
  });
}

// show tells what is left of the demo; after removing, what was removed.
function show(d, removed) {
  const section = $("demo");
  if (!removed && d.removable.length === 0 && d.changed.length === 0) {
    section.hidden = true; // no demo articles here: nothing to offer
    return;
  }
  section.hidden = false;
  $("demo-status").tabIndex = -1;
  say("demo-status", removed ? T("editor.demo.done", d.removed.length)
    : d.removable.length ? T("editor.demo.status", d.removable.length, d.total) : T("editor.demo.none"));
  $("demo-changed").hidden = d.changed.length === 0;
  say("demo-changed", T("editor.demo.changed", d.changed.join(", ")));
  $("demo-remove").hidden = removed || d.removable.length === 0;
}
