import Foundation

/// The script `report serve --watch` adds to every HTML page it serves (the files in site/
/// stay as the build wrote them): it polls the build status once a second, reloads the page
/// when a rebuild succeeded, and shows a failed rebuild's error in a banner over the last good
/// page until a rebuild succeeds.
enum LiveReload {
    static let statusPath = "/__report/status"
    static let scriptPath = "/__report/live-reload.js"
    static let tag = "<script src=\"\(scriptPath)\"></script>"

    static let script = """
        // Added by `report serve --watch`; not part of site/.
        (function () {
          var seen = null;
          function banner(message) {
            var box = document.getElementById("report-serve-error");
            if (!message) { if (box) box.remove(); return; }
            if (!box) {
              box = document.createElement("pre");
              box.id = "report-serve-error";
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;left:0;right:0;bottom:0;margin:0;padding:0.75rem 1rem;max-height:40vh;overflow:auto;" +
                "background:#7a1a10;color:#ffffff;font:0.9rem/1.4 monospace;white-space:pre-wrap;z-index:1000";
              document.body.appendChild(box);
            }
            box.textContent = "The last rebuild failed; this is the last good site.\\n" + message;
          }
          function poll() {
            fetch("\(statusPath)", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (status) {
              if (seen !== null && status.build !== seen) { location.reload(); return; }
              seen = status.build;
              banner(status.error);
            }).catch(function () { /* the server is restarting or stopped: try again */ })
              .then(function () { setTimeout(poll, 1000); });
          }
          poll();
        })();
        """

    /// `html` with the script before `</body>` (or at the end when there is none).
    static func inject(into html: Data) -> Data {
        var text = String(decoding: html, as: UTF8.self)
        if let end = text.range(of: "</body>", options: .backwards) {
            text.insert(contentsOf: tag + "\n", at: end.lowerBound)
        } else {
            text += tag
        }
        return Data(text.utf8)
    }
}
