// callreview web app: drag and drop on the upload form, live job status. No markup is built
// from server text: names and reasons go in with textContent.
(function () {
  "use strict";

  function size(bytes) {
    if (bytes >= 1048576) return (bytes / 1048576).toFixed(1) + " MB";
    return Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  function showPicked(input, list) {
    list.replaceChildren();
    Array.from(input.files).forEach(function (f) {
      var li = document.createElement("li");
      li.textContent = f.name;
      var s = document.createElement("span");
      s.className = "size";
      s.textContent = size(f.size);
      li.appendChild(s);
      list.appendChild(li);
    });
  }

  function setupDropzone(zone) {
    var input = zone.querySelector("input[type=file]");
    var list = document.querySelector("[data-picked]");
    if (!input) return;
    ["dragenter", "dragover"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "dragend"].forEach(function (ev) {
      zone.addEventListener(ev, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      var all = new DataTransfer();
      Array.from(input.files).forEach(function (f) { all.items.add(f); });
      Array.from(e.dataTransfer.files).forEach(function (f) { all.items.add(f); });
      input.files = all.files;
      if (list) showPicked(input, list);
    });
    input.addEventListener("change", function () { if (list) showPicked(input, list); });
  }

  var WAITING = { queued: "waiting for the worker", running: "scoring…" };

  function eta(seconds) {
    if (seconds < 90) return Math.max(1, Math.round(seconds)) + " s";
    var minutes = Math.round(seconds / 60);
    return minutes < 60 ? minutes + " min" : Math.floor(minutes / 60) + " h " + (minutes % 60) + " min";
  }

  function runningText(job) {
    if (job.cancel_requested) return "stopping…";
    if (job.progress !== null && job.progress !== undefined) {
      return Math.round(job.progress * 100) + "% transcribed" +
        (job.eta_s !== null && job.eta_s !== undefined ? " · about " + eta(job.eta_s) + " left" : "");
    }
    return job.kind === "audio" ? "transcribing and scoring…" : WAITING.running;
  }

  function updateRow(row, job) {
    row.dataset.status = job.status;
    var status = row.querySelector("[data-role=status]");
    status.textContent = job.status;
    status.className = "status status-" + job.status;
    var cell = row.querySelector("[data-role=result]");
    cell.replaceChildren();
    if (job.status === "done" && job.call) {
      var a = document.createElement("a");
      a.href = "/calls/" + encodeURIComponent(job.call);
      a.textContent = "Open report";
      cell.appendChild(a);
    } else {
      var failed = job.status === "failed" || job.status === "cancelled";
      var span = document.createElement("span");
      span.className = failed ? "reason" : "counts-line";
      span.textContent = failed ? (job.reason || job.status) :
        (job.status === "running" ? runningText(job) : WAITING[job.status]);
      cell.appendChild(span);
      if (job.status === "running" && job.progress !== null && job.progress !== undefined) {
        var bar = document.createElement("progress");
        bar.max = 1;
        bar.value = job.progress;
        cell.appendChild(bar);
      }
    }
    var cancel = row.querySelector("[data-when=cancel]"), retry = row.querySelector("[data-when=retry]");
    if (cancel) cancel.hidden = !((job.status === "queued" || job.status === "running") && !job.cancel_requested);
    if (retry) retry.hidden = !(job.status === "failed" || job.status === "cancelled");
  }

  function pollJobs(table) {
    function pending() {
      return Array.from(table.querySelectorAll("tr[data-job-id]")).filter(function (r) {
        return r.dataset.status === "queued" || r.dataset.status === "running";
      });
    }
    function tick() {
      var rows = pending();
      if (!rows.length) return;
      var ids = rows.map(function (r) { return r.dataset.jobId; }).join(",");
      fetch("/api/jobs?ids=" + ids, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (data) {
          data.jobs.forEach(function (job) {
            var row = table.querySelector('tr[data-job-id="' + job.id + '"]');
            if (row) updateRow(row, job);
          });
          Object.keys(data.counts || {}).forEach(function (status) {
            var cell = document.querySelector('[data-count="' + status + '"]');
            if (cell) cell.textContent = String(data.counts[status]);
          });
        })
        .catch(function () { /* keep the last known state; try again */ })
        .then(function () { setTimeout(tick, 1500); });
    }
    setTimeout(tick, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-dropzone]").forEach(setupDropzone);
    document.querySelectorAll("table[data-jobs]").forEach(pollJobs);
  });
})();
