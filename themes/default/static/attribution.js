// The "Copy the credit" button under each page's attribution line. Without JavaScript the
// button stays hidden and the line is selectable text (one click selects all of it).
"use strict";
(() => {
  const select = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  };
  const copy = async (text, el) => {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch (_) {
      // Permission refused or no clipboard: fall back to the selection.
    }
    select(el);
    try {
      return document.execCommand("copy");
    } catch (_) {
      return false;
    }
  };
  // A string's text as a node: in a <span lang dir> when the page marks it as another
  // language's (data-t-<name>-lang="it ltr": the site's language lacks that string).
  function marked(text, mark) {
    if (!mark || !text) return document.createTextNode(text || "");
    const [lang, dir] = mark.split(" ");
    return Object.assign(document.createElement("span"), { lang: lang, dir: dir, textContent: text });
  }
  const init = () => {
    for (const button of document.querySelectorAll("button[data-copy]")) {
      const source = document.getElementById(button.dataset.copy);
      const tools = button.closest(".attribution-tools");
      const status = tools && tools.querySelector(".copy-status");
      if (!source || !tools || !status) continue;
      tools.hidden = false;
      button.addEventListener("click", async () => {
        const ok = await copy(source.textContent.trim(), source);
        status.replaceChildren(ok ? marked(button.dataset.tCopied, button.dataset.tCopiedLang) : marked(button.dataset.tFailed, button.dataset.tFailedLang));
        if (!ok) select(source);
      });
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
