// Check-in at the door: read the participant's QR code with the phone camera (jsQR, vendored) and send
// the code through the same form as typing it.
(function () {
  "use strict";
  var start = document.getElementById("scan-start");
  var video = document.getElementById("scan-video");
  var canvas = document.getElementById("scan-canvas");
  if (!start || !video || !canvas) return;
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || typeof jsQR !== "function") {
    start.hidden = true;
    document.getElementById("scan-unavailable").hidden = false;
    return;
  }
  var last = "", lastAt = 0;
  function submit(code) {
    var form = document.getElementById("check-in-form");
    var input = form && form.querySelector("input[name=code]");
    if (!input) return;
    input.value = code;
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }
  function tick() {
    if (video.readyState === video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      var context = canvas.getContext("2d");
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      var now = Date.now();
      if (found && found.data && (found.data !== last || now - lastAt > 4000)) {
        last = found.data; lastAt = now;
        submit(found.data);
      }
    }
    requestAnimationFrame(tick);
  }
  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      document.getElementById("scan-message").hidden = false;
      start.hidden = true;
      video.play();
      requestAnimationFrame(tick);
    }).catch(function () {
      document.getElementById("scan-unavailable").hidden = false;
    });
  });
})();
