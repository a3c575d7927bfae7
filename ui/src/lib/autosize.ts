// A textarea as tall as its text (never shorter than its `rows`), so a long considerando or
// article reads whole without an inner scrollbar. `use:autosize={value}`: the parameter makes
// it fit again when the value changes from outside (a reload after saving).
export function autosize(el: HTMLTextAreaElement, _value?: unknown) {
  const fit = () => {
    el.style.height = "auto";
    el.style.height = `${el.scrollHeight + 2}px`;
  };
  fit();
  el.addEventListener("input", fit);
  return {
    update() {
      queueMicrotask(fit);
    },
    destroy() {
      el.removeEventListener("input", fit);
    },
  };
}
