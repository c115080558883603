// callreview call page: play a moment (quotes, milestones, the pause, turns, notes), follow
// playback in the transcript, find in the call, open at a turn named in the address.
// Text from the server is only ever set with textContent.
(function () {
  "use strict";

  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds)), h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60);
    var ss = String(s % 60).padStart(2, "0");
    return h ? h + ":" + String(m).padStart(2, "0") + ":" + ss : m + ":" + ss;
  }

  function turnsWithTimes() {
    return Array.from(document.querySelectorAll("[data-turns] > li[data-start]")).map(function (li) {
      return { el: li, start: parseFloat(li.dataset.start),
               end: li.dataset.end ? parseFloat(li.dataset.end) : null };
    });
  }

  function showInBox(el) {  // scroll the transcript box, not the page
    var box = el.closest("[data-turns]");
    if (!box) return;
    var top = el.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top + el.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    }
  }

  function mark(el, cls) {
    document.querySelectorAll("." + cls).forEach(function (o) { if (o !== el) o.classList.remove(cls); });
    if (el) el.classList.add(cls);
  }

  function setupPlayer(audio) {
    var lead = parseFloat(audio.dataset.lead || "1");
    var now = document.querySelector("[data-now]");
    var momentField = document.querySelector("[data-moment-field]");
    var turns = turnsWithTimes();
    var until = null;
    document.querySelectorAll("[data-play]").forEach(function (b) { b.hidden = false; });
    document.body.classList.add("has-player");

    function turnAt(t) {
      var found = null;
      for (var i = 0; i < turns.length; i++) {
        if (turns[i].start <= t + 0.05) found = turns[i]; else break;
      }
      return found;
    }

    function play(start, stop, turnEl) {
      until = stop;
      audio.currentTime = Math.max(0, start - lead);
      var p = audio.play();
      if (p && p.catch) p.catch(function () { /* the user can press play */ });
      if (turnEl) { mark(turnEl, "selected"); showInBox(turnEl); }
    }

    document.addEventListener("click", function (e) {
      var button = e.target.closest("[data-play]");
      if (!button) return;
      e.preventDefault();
      var quote = button.closest("[data-turn]");
      var turnEl = quote ? document.getElementById("turn-" + quote.dataset.turn) : null;
      play(parseFloat(button.dataset.play),
           button.dataset.until ? parseFloat(button.dataset.until) : null, turnEl);
    });

    audio.addEventListener("timeupdate", function () {
      var t = audio.currentTime;
      if (until !== null && t >= until) { audio.pause(); until = null; }
      var current = turnAt(t);
      if (current && !current.el.classList.contains("playing")) {
        mark(current.el, "playing");
        if (!audio.paused) showInBox(current.el);
      }
      if (now && current) {
        now.textContent = clock(t) + " · " + current.el.querySelector(".speaker").textContent +
          " (turn " + current.el.dataset.turn + ")";
      }
    });
    audio.addEventListener("pause", function () {
      if (momentField && !momentField.value) momentField.value = clock(audio.currentTime);
    });

  }

  function setupFind(input) {
    var turns = Array.from(document.querySelectorAll("[data-turns] > li"));
    var count = document.querySelector("[data-find-count]");
    var originals = turns.map(function (li) { return li.querySelector("[data-text]").textContent; });
    var hits = [], at = -1;

    function highlight(p, text, q) {
      p.replaceChildren();
      var low = text.toLowerCase(), from = 0, i;
      while (q && (i = low.indexOf(q, from)) !== -1) {
        p.appendChild(document.createTextNode(text.slice(from, i)));
        var m = document.createElement("mark");
        m.textContent = text.slice(i, i + q.length);
        p.appendChild(m);
        from = i + q.length;
      }
      p.appendChild(document.createTextNode(text.slice(from)));
    }

    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      hits = [];
      at = -1;
      turns.forEach(function (li, n) {
        var found = q && originals[n].toLowerCase().indexOf(q) !== -1;
        li.classList.toggle("found", !!found);
        highlight(li.querySelector("[data-text]"), originals[n], found ? q : "");
        if (found) hits.push(li);
      });
      count.textContent = q ? hits.length + (hits.length === 1 ? " turn" : " turns") : "";
      if (hits.length) showInBox(hits[0]);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" || !hits.length) return;
      e.preventDefault();
      at = (at + 1) % hits.length;
      mark(hits[at], "selected");
      showInBox(hits[at]);
      count.textContent = (at + 1) + " of " + hits.length + " turns";
    });
  }

  function openAtHash(audio) {
    var m = /^#turn-(\d+)$/.exec(location.hash);
    if (!m) return;
    var el = document.getElementById("turn-" + m[1]);
    if (!el) return;
    mark(el, "selected");
    showInBox(el);
    if (audio && el.dataset.start) {
      var seek = function () {
        audio.currentTime = Math.max(0, parseFloat(el.dataset.start) - parseFloat(audio.dataset.lead || "1"));
      };
      if (audio.readyState >= 1) seek(); else audio.addEventListener("loadedmetadata", seek, { once: true });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var audio = document.getElementById("call-audio");
    if (audio) setupPlayer(audio);
    var find = document.querySelector("[data-find]");
    if (find) setupFind(find);
    openAtHash(audio);
    window.addEventListener("hashchange", function () { openAtHash(null); });
  });
})();
