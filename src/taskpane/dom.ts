/**
 * Building DOM without HTML strings. Text goes in as text nodes (`textContent`,
 * `createTextNode`), so a ticker such as `<img src=x onerror=alert(1)>` is shown, never parsed.
 * Attributes that could run script or carry inline style are refused: the pane's CSP forbids
 * inline script and inline style, and this keeps the code from ever needing them.
 */

export type Child = Node | string | null | undefined | false;

export interface Props {
  readonly id?: string;
  readonly className?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

/** `el("button", { className: "primary", text: "Run" })`. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, children: readonly Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.id !== undefined) node.id = props.id;
  if (props.className !== undefined) node.className = props.className;
  if (props.attrs !== undefined) {
    for (const [name, value] of Object.entries(props.attrs)) setAttr(node, name, value);
  }
  if (props.text !== undefined) node.textContent = props.text;
  append(node, children);
  return node;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Replaces every child of a node. */
export function replaceChildren(parent: Element, children: readonly Child[]): void {
  while (parent.firstChild !== null) parent.removeChild(parent.firstChild);
  append(parent, children);
}

export function setAttr(node: Element, name: string, value: string): void {
  const lower = name.toLowerCase();
  if (lower.startsWith("on") || lower === "style" || lower === "srcdoc") throw new Error(`refusing to set ${name} from code`);
  if ((lower === "href" || lower === "src" || lower === "action") && /^\s*(javascript|data):/i.test(value)) throw new Error(`refusing a script URL in ${name}`);
  node.setAttribute(name, value);
}

/** A select's options from (value, label) pairs; labels are text. */
export function options(select: HTMLSelectElement, items: readonly { readonly value: string; readonly label: string }[], selected?: string): void {
  replaceChildren(
    select,
    items.map((item) => {
      const option = el("option", { text: item.label });
      option.value = item.value;
      if (item.value === selected) option.selected = true;
      return option;
    }),
  );
}

/** A card of the pane: a section labelled by its heading. */
export function section(title: string, id: string, children: readonly Child[]): HTMLElement {
  return el("section", { className: "card", attrs: { "aria-labelledby": id } }, [el("h2", { id, text: title }), ...children]);
}

/** A control with its label. */
export function field(label: string, control: HTMLElement): HTMLElement {
  return el("div", { className: "field" }, [el("label", { text: label, attrs: { for: control.id } }), control]);
}
