// Small DOM helpers for the editor: find by id, build elements, empty a
// node, set a status line, and ask in the page's confirm dialog. Text is
// only ever set as text, never as HTML.

export function $(id) {
  return document.getElementById(id);
}

// el builds an element: el("a", {href: "/"}, "text", child...). Attributes
// named on… are event listeners; null, undefined and false are left out.
export function el(tag, attrs, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") n.textContent = v;
    else if (k === "class") n.className = v;
    else if (k.slice(0, 2) === "on") n.addEventListener(k.slice(2), v);
    else n.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    n.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return n;
}

export function clear(n) {
  while (n.firstChild) n.removeChild(n.firstChild);
  return n;
}

// say sets the text of the element with the id, if the page has it.
export function say(id, msg) {
  const n = $(id);
  if (n) n.textContent = msg || "";
}

// confirmBox asks in the page's <dialog id="confirm">, with an optional
// checkbox ({label, checked}); resolves to {ok, checked}. Focus goes back
// to where it was.
export function confirmBox(message, okLabel, option) {
  const d = $("confirm");
  say("confirm-text", message);
  $("confirm-ok").textContent = okLabel;
  $("confirm-option").hidden = !option;
  if (option) {
    $("confirm-check-label").textContent = option.label;
    $("confirm-check").checked = !!option.checked;
  }
  const back = document.activeElement;
  return new Promise((resolve) => {
    d.addEventListener("close", function onClose() {
      d.removeEventListener("close", onClose);
      if (back && back.focus) back.focus();
      resolve({ ok: d.returnValue === "ok", checked: $("confirm-check").checked });
    });
    d.returnValue = "";
    d.showModal();
    $("confirm-cancel").focus();
  });
}
