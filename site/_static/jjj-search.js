// The excerpts under search results, from the article and at the word searched for.
//
// Sphinx's search fetches each page it lists and quotes its main content; a browser refuses
// fetch() on a page opened from a file (file://). There, the request is answered from
// window.JJJ_PAGES (jjj-pages.js: each page's article, written by jjj.site after the build). Over
// http the pages are fetched as usual.
(() => {
  if (location.protocol !== "file:" || !window.JJJ_PAGES) return;
  const pages = window.JJJ_PAGES;
  const fetchPage = window.fetch.bind(window);
  window.fetch = (resource, options) => {
    const name = new URL(String(resource), location.href).pathname.split("/").pop();
    return Object.hasOwn(pages, name)
      ? Promise.resolve(new Response(`<div role="main">${pages[name]}</div>`,
                                     { headers: { "Content-Type": "text/html" } }))
      : fetchPage(resource, options);
  };
})();

// Sphinx quotes a page from its main element, which holds the header's buttons and the link to
// the other edition: the quote is taken from the article alone (code, card labels and the
// summary lines of folded tables left out). It starts at the first search term it finds, and
// the terms are stems (organisations → organis): the words as typed are looked for first, then each
// stem and its shorter beginnings (povert), so that the quote holds the word.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return;
  const toText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    const article = doc.querySelector('[role="main"] article');
    if (article) {
      article.querySelectorAll("div.cell_input, summary, .jjj-label, button").forEach((el) => el.remove());
      // words of two cells or paragraphs stay apart in the quote
      article.querySelectorAll("td, th, p, li, h1, h2, h3, dt, dd").forEach((el) => el.append(" "));
      htmlString = `<div role="main">${article.innerHTML}</div>`;
    }
    return toText(htmlString, anchor);
  };
  const summary = Search.makeSearchSummary;
  const typed = (new URLSearchParams(location.search).get("q") || "")
    .toLowerCase().split(/\s+/).filter(Boolean);
  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const text = Search.htmlToText(htmlText, anchor).toLowerCase();
    const stems = [...keywords].map((k) => k.toLowerCase());
    let found = [...typed, ...stems].find((k) => text.includes(k));
    for (const stem of stems) {
      for (let n = stem.length - 1; !found && n >= 4; n--) {
        if (text.includes(stem.slice(0, n))) found = stem.slice(0, n);
      }
    }
    return summary(htmlText, found ? [found] : keywords, anchor);
  };
});
