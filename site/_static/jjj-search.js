// The excerpts under search results. Sphinx's search fetches each page it lists and quotes its
// main content; a browser refuses fetch() on a page opened from a file (file://). There, the
// request is answered from window.JJJ_PAGES (jjj-pages.js: each page's main content, written by
// jjj.site after the build). Over http the pages are fetched as usual.
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
