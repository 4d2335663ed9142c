// /zoeken/: a small search interface on Pagefind's JS API. Pagefind's own Default UI does not announce
// the number of results; this one does (role="status"). Pagefind and its index load on the first
// focus or input, so the page itself stays light. The query and filters live in the URL
// (?q=…&type=…&gemeente=…&sector=…&volgorde=datum), so a search can be linked and shared.
(() => {
  "use strict";
  const form = document.getElementById("zoeken");
  if (!form || !window.URLSearchParams) return;
  const status = document.getElementById("zoekstatus");
  const list = document.getElementById("zoekresultaten");
  const FIELDS = ["q", "type", "gemeente", "sector", "volgorde"];
  const FILTERS = ["type", "gemeente", "sector"];
  const SHOWN = 20;
  let loading = null;
  let latest = 0;
  let timer = null;

  document.getElementById("zonder-javascript").hidden = true;

  function pagefind() {
    if (!loading) {
      loading = import(form.dataset.pagefind).then(async (module) => {
        await module.options({ baseUrl: form.dataset.base, excerptLength: 24 });
        await module.init();
        return module;
      });
      loading.catch(() => { loading = null; });
    }
    return loading;
  }

  function chosen() {
    const data = new FormData(form);
    const state = { q: String(data.get("q") || "").trim(), filters: {} };
    for (const name of FILTERS) {
      if (data.get(name)) state.filters[name] = String(data.get(name));
    }
    state.newest = data.get("volgorde") === "datum";
    return state;
  }

  function remember() {
    const params = new URLSearchParams();
    for (const name of FIELDS) {
      const value = String(new FormData(form).get(name) || "").trim();
      if (value) params.set(name, value);
    }
    const query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }

  function describe(state) {
    const parts = state.q ? [`voor ‘${state.q}’`] : [];
    for (const name of FILTERS) {
      if (state.filters[name]) parts.push(`${name === "type" ? "soort" : name} ${state.filters[name]}`);
    }
    return parts.length ? " " + parts.join(", ") : "";
  }

  function result(data) {
    const item = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    heading.append(link);
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = [(data.filters.type || [])[0], data.meta.datum, data.meta.concept].filter(Boolean).join(" · ");
    const excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt; // Pagefind's excerpt: the page's text, escaped, matches in <mark>
    item.append(heading, meta, excerpt);
    return item;
  }

  async function search() {
    const state = chosen();
    const mine = ++latest;
    remember();
    if (!state.q && !Object.keys(state.filters).length) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    try {
      const api = await pagefind();
      const options = { filters: state.filters };
      if (state.newest) options.sort = { datum: "desc" };
      const found = await api.search(state.q || null, options);
      if (!found || mine !== latest) return;
      const shown = await Promise.all(found.results.slice(0, SHOWN).map((r) => r.data()));
      if (mine !== latest) return;
      list.replaceChildren(...shown.map(result));
      const count = found.results.length;
      const words = count === 0 ? "Geen resultaten" : `${count} ${count === 1 ? "resultaat" : "resultaten"}`;
      const more = count > shown.length ? `; de eerste ${shown.length} staan hieronder` : "";
      status.textContent = `${words}${describe(state)}${more}.`;
    } catch (error) {
      if (mine === latest) status.textContent = "Zoeken lukt nu niet. Probeer het later opnieuw of gebruik de overzichten hieronder.";
    }
  }

  const params = new URLSearchParams(location.search);
  for (const name of FIELDS) {
    if (params.has(name) && form.elements[name]) form.elements[name].value = params.get(name);
  }
  form.addEventListener("focusin", () => { pagefind().catch(() => {}); }, { once: true });
  form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); search(); });
  form.addEventListener("change", () => { clearTimeout(timer); search(); });
  form.elements.q.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 250); });
  if (FIELDS.some((name) => params.get(name))) search();
})();
