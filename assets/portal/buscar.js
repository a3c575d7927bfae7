// The portal's search (src/portal, docs/adr/0021-portal.md): loads the index of every year
// (datos/indice-AAAA.js: script files, so it also works opened from a folder, file://, where
// browsers refuse to fetch JSON), indexes it with MiniSearch and finds records by the words of
// their title and by their identifier typed loosely: case and accents ignored («desague» finds
// «desagüe»), numbers without their zeros («ord 12 2019» finds «ORDENANZA N° 012-2019-…»),
// the kind by its first letters or its initials («ord», «DA»).
(function () {
  "use strict";

  var SHOWN = 100;
  var STOP = new Set(["de", "del", "la", "las", "el", "los", "y", "e", "a", "en", "que", "por", "con", "para", "al", "n", "no", "nro", "num"]);
  var records = [];
  var search = null;

  // Each index file calls this with its records.
  window.cabildoIndice = function (list) {
    for (var i = 0; i < list.length; i++) records.push(list[i]);
  };

  function fold(text) {
    return String(text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  }

  function tokenize(text) {
    return fold(text).split(/[^a-z0-9]+/);
  }

  function processTerm(term) {
    var t = fold(term).replace(/[^a-z0-9]/g, "");
    if (/^[0-9]+$/.test(t)) return t.replace(/^0+(?=[0-9])/, "");
    if (t.length < 2 || STOP.has(t)) return null;
    return t;
  }

  // The initials of the kind written before «N°»: «DECRETO DE ALCALDÍA N° 7» → «da».
  function initials(identifier) {
    var head = fold(identifier).split(/\bn\s*[°º.]/)[0];
    var words = head.split(/[^a-z]+/).filter(function (w) {
      return w && !STOP.has(w);
    });
    return words.length > 1
      ? words
          .map(function (w) {
            return w[0];
          })
          .join("")
      : "";
  }

  var numeric = function (term) {
    return /^[0-9]+$/.test(term);
  };

  function el(name, attrs, text) {
    var e = document.createElement(name);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function dmy(iso) {
    var p = String(iso || "").split("-");
    return p.length === 3 ? p[2] + "/" + p[1] + "/" + p[0] : iso;
  }

  function show(query) {
    var state = document.getElementById("estado");
    var table = document.getElementById("resultados");
    var body = table.querySelector("tbody");
    body.textContent = "";
    var q = query.trim();
    if (!q) {
      table.hidden = true;
      state.textContent = "Escriba palabras del título o el número del documento (" + records.length + " documentos).";
      return;
    }
    var found = search.search(q, {
      combineWith: "AND",
      prefix: function (term) {
        return !numeric(term);
      },
      fuzzy: function (term) {
        return term.length > 5 && !numeric(term) ? 0.2 : false;
      },
      boost: { identificador: 2, siglas: 2 },
    });
    if (found.length === 0) {
      table.hidden = true;
      state.textContent = "No se encontró ningún documento con «" + q + "».";
      return;
    }
    state.textContent =
      found.length === 1
        ? "Se encontró 1 documento."
        : "Se encontraron " + found.length + " documentos" + (found.length > SHOWN ? "; se muestran los " + SHOWN + " primeros." : ".");
    found.slice(0, SHOWN).forEach(function (hit) {
      var r = hit.record;
      var tr = el("tr", { "data-id": r.id });
      var first = el("td");
      first.appendChild(el("a", { href: r.pagina }, r.identificador));
      first.appendChild(el("br"));
      first.appendChild(el("span", { class: "nota" }, r.tipo));
      tr.appendChild(first);
      tr.appendChild(el("td", { class: "fecha" }, dmy(r.fecha)));
      tr.appendChild(el("td", {}, r.titulo));
      tr.appendChild(el("td", { class: "vigencia" }, r.vigencia || "—"));
      var doc = el("td");
      if (r.pdf) doc.appendChild(el("a", { href: r.pdf, type: "application/pdf" }, "PDF"));
      else doc.textContent = "Sin PDF";
      tr.appendChild(doc);
      body.appendChild(tr);
    });
    table.hidden = false;
  }

  function load(files, done) {
    var left = files.length;
    var failed = [];
    if (left === 0) return done(failed);
    files.forEach(function (src) {
      var s = el("script", { src: src });
      s.onload = function () {
        if (--left === 0) done(failed);
      };
      s.onerror = function () {
        failed.push(src);
        if (--left === 0) done(failed);
      };
      document.body.appendChild(s);
    });
  }

  function start() {
    var state = document.getElementById("estado");
    var input = document.getElementById("q");
    var files = (document.body.getAttribute("data-indices") || "").split(/\s+/).filter(Boolean);
    state.textContent = "Cargando el índice…";
    load(files, function (failed) {
      if (failed.length) {
        state.textContent = "No se pudo cargar el índice (" + failed.join(", ") + ").";
        return;
      }
      records.forEach(function (r) {
        r.siglas = initials(r.identificador);
      });
      search = new MiniSearch({
        fields: ["identificador", "siglas", "titulo", "tipo"],
        storeFields: ["tipo", "identificador", "fecha", "titulo", "vigencia", "pdf", "pagina"],
        tokenize: tokenize,
        processTerm: processTerm,
      });
      search.addAll(records);
      // MiniSearch hands the stored fields back; keep the whole record at hand.
      var byId = new Map(
        records.map(function (r) {
          return [r.id, r];
        }),
      );
      var find = search.search.bind(search);
      search.search = function (q, o) {
        return find(q, o).map(function (h) {
          return { score: h.score, record: byId.get(h.id) };
        });
      };
      document.body.setAttribute("data-listo", "si");
      var params = new URLSearchParams(window.location.search);
      if (params.get("q")) input.value = params.get("q");
      show(input.value);
      var timer = null;
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          show(input.value);
        }, 150);
      });
      document.getElementById("buscar").addEventListener("submit", function (e) {
        e.preventDefault();
        show(input.value);
        var url = new URL(window.location.href);
        url.searchParams.set("q", input.value);
        try {
          window.history.replaceState(null, "", url.toString());
        } catch (err) {
          /* file:// may refuse it: the results are shown anyway */
        }
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
