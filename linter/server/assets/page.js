// jxlint serve: upload tables, show the progress, then the report and its downloads.
(function () {
  "use strict";
  var drop = document.getElementById("drop");
  var picker = document.getElementById("picker");
  var progress = document.getElementById("progress");
  var progressText = document.getElementById("progress-text");
  var progressBar = document.getElementById("progress-bar");
  var progressFiles = document.getElementById("progress-files");
  var failure = document.getElementById("failure");
  var result = document.getElementById("result");
  var summary = document.getElementById("summary");
  var downloads = document.getElementById("downloads");
  var report = document.getElementById("report");
  var dropTitle = drop.querySelector(".drop-title");
  var busy = false;
  var checked = null;
  var LABELS = { error: "错误", warning: "警告", info: "提示" };

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function size(bytes) {
    if (bytes >= 1048576) { return (bytes / 1048576).toFixed(1) + " MB"; }
    if (bytes >= 1024) { return Math.round(bytes / 1024) + " KB"; }
    return bytes + " B";
  }

  function showFailure(message) {
    failure.textContent = message;
    failure.hidden = false;
  }

  function finish() {
    busy = false;
    drop.classList.remove("busy");
    progress.hidden = true;
    progress.classList.remove("checking");
    document.body.setAttribute("data-state", "idle");
  }

  function save(blob, filename) {
    var url = URL.createObjectURL(blob);
    var link = element("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  // Nothing is kept on the server: a download posts the checked files again.
  function download(entry, button) {
    if (button.disabled || !checked) { return; }
    var label = button.textContent;
    button.disabled = true;
    button.textContent = "正在生成…";
    failure.hidden = true;
    var request = new XMLHttpRequest();
    request.open("POST", "api/report/" + encodeURIComponent(entry.format));
    request.responseType = "blob";
    request.onloadend = function () {
      button.disabled = false;
      button.textContent = label;
      if (request.status === 200) {
        save(request.response, entry.filename);
      } else if (request.response) {
        request.response.text().then(function (text) {
          var message;
          try { message = JSON.parse(text).error; } catch (error) { message = null; }
          showFailure(message || ("下载失败（HTTP " + request.status + "）"));
        });
      } else {
        showFailure("无法连接检查服务，下载未完成。");
      }
    };
    request.send(checked);
  }

  function showResult(data) {
    var counts = data.report.summary.findings;
    summary.textContent = "";
    var line = element("div");
    line.appendChild(element("span", "count", "共 " + data.report.summary.files + " 个文件、" +
      data.report.summary.projects + " 个项目"));
    ["error", "warning", "info"].forEach(function (level) {
      var count = element("span", "count", LABELS[level] + " ");
      count.appendChild(element("b", level, String(counts[level])));
      line.appendChild(count);
    });
    summary.appendChild(line);
    data.report.files.forEach(function (file) {
      if (file.status === "error") { summary.appendChild(element("div", "file-error", file.error)); }
    });
    downloads.textContent = "";
    data.downloads.forEach(function (entry, index) {
      var button = element("button", index ? "secondary" : "", entry.label);
      button.type = "button";
      button.addEventListener("click", function () { download(entry, button); });
      downloads.appendChild(button);
    });
    report.srcdoc = data.html;
    result.hidden = false;
    drop.classList.add("compact");
    dropTitle.textContent = "检查其他表格：拖到这里，或点击选择文件";
  }

  function upload(files) {
    if (busy || !files.length) { return; }
    busy = true;
    checked = null;
    failure.hidden = true;
    result.hidden = true;
    drop.classList.add("busy");
    progressFiles.textContent = "";
    var form = new FormData();
    Array.prototype.forEach.call(files, function (file) {
      form.append("files", file, file.name);
      progressFiles.appendChild(element("li", "", file.name + "（" + size(file.size) + "）"));
    });
    progressText.textContent = "正在上传…";
    progressBar.style.width = "0";
    progress.hidden = false;
    document.body.setAttribute("data-state", "uploading");
    var request = new XMLHttpRequest();
    request.open("POST", "api/review");
    request.responseType = "json";
    request.upload.onprogress = function (event) {
      if (event.lengthComputable) {
        progressBar.style.width = Math.round(100 * event.loaded / event.total) + "%";
      }
    };
    request.upload.onload = function () {
      progressText.textContent = "正在检查，请稍候…";
      progress.classList.add("checking");
      document.body.setAttribute("data-state", "checking");
    };
    request.onload = function () {
      var data = request.response;
      finish();
      if (request.status === 200 && data && data.report) {
        checked = form;
        showResult(data);
      } else {
        showFailure((data && data.error) || ("检查失败（HTTP " + request.status + "）"));
      }
    };
    request.onerror = function () {
      finish();
      showFailure("无法连接检查服务，或上传被中断；文件过大时请分批上传。");
    };
    request.send(form);
  }

  drop.addEventListener("click", function () { if (!busy) { picker.click(); } });
  drop.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); picker.click(); }
  });
  picker.addEventListener("change", function () {
    upload(picker.files);
    picker.value = "";
  });
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (event) {
      event.preventDefault();
      drop.classList.add("over");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function (event) {
      event.preventDefault();
      drop.classList.remove("over");
    });
  });
  drop.addEventListener("drop", function (event) { upload(event.dataTransfer.files); });
  document.body.setAttribute("data-state", "idle");
}());
