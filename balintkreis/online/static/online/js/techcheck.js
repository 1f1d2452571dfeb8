// Technik-Check: browser, camera and microphone with a level meter, a
// connection test against our own server, whether the video server answers
// (it loads the server's external_api.js) and which WebRTC routes the network
// allows with the configured STUN/TURN servers (host, srflx, relay: as
// Jitsi's own pre-call test). The server decides the verdict.

const root = document.querySelector("[data-techcheck]");
const texts = document.getElementById("check-texts").dataset;
const $ = (id) => document.getElementById(id);

const PINGS = 5;
const DOWNLOAD_BYTES = 1024 * 1024;
const UPLOAD_BYTES = 512 * 1024;
const MAX_MBPS = 10000;

function detectBrowser() {
  const ua = navigator.userAgent;
  const brands = (navigator.userAgentData && navigator.userAgentData.brands) || [];
  const chromium = brands.some((b) => /Chromium/.test(b.brand))
    || (/Chrome\/|Chromium\//.test(ua) && !/Firefox\//.test(ua));
  // Order matters: Edge and Opera carry "Chrome" in their user agent, too.
  let name = "";
  if (/Edg\//.test(ua)) name = "Microsoft Edge";
  else if (/OPR\//.test(ua)) name = "Opera";
  else if (navigator.brave) name = "Brave";
  else if (/Firefox\//.test(ua)) name = "Firefox";
  else if (/Chromium\//.test(ua)) name = "Chromium";
  else if (/Chrome\//.test(ua)) name = "Google Chrome";
  else if (/Safari\//.test(ua)) name = "Safari";
  else name = ua.slice(0, 40);
  return { name, chromium };
}

function checkBrowser() {
  const browser = detectBrowser();
  $("browser-result").textContent = `${browser.chromium ? texts.browserOk : texts.browserOther} ${browser.name}`;
  return browser;
}

function startLevelMeter(stream) {
  const AudioContextClass = window.AudioContext || window.webkitAudioContext;
  if (!AudioContextClass || !stream.getAudioTracks().length) return;
  const context = new AudioContextClass();
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Uint8Array(analyser.fftSize);
  const meter = $("level-meter");
  const tick = () => {
    analyser.getByteTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) {
      const centred = (sample - 128) / 128;
      sum += centred * centred;
    }
    const rms = Math.sqrt(sum / samples.length);
    meter.value = Math.min(100, Math.round(rms * 300));
    meter.dataset.active = meter.value > 0 ? "yes" : "no";
    window.requestAnimationFrame(tick);
  };
  context.resume().then(tick, tick);
}

async function checkMedia() {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    $("media-result").textContent = texts.noMedia;
    return { camera: false, microphone: false };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    const preview = $("camera-preview");
    preview.srcObject = stream;
    startLevelMeter(stream);
    const result = {
      camera: stream.getVideoTracks().length > 0,
      microphone: stream.getAudioTracks().length > 0,
    };
    $("media-result").textContent = result.camera && result.microphone ? texts.mediaOk : texts.mediaFailed;
    return result;
  } catch {
    $("media-result").textContent = texts.mediaFailed;
    return { camera: false, microphone: false };
  }
}

const url = (key, query = "") => `${root.dataset[key]}${query}`;

async function measureLatency() {
  const times = [];
  for (let i = 0; i < PINGS; i += 1) {
    const start = performance.now();
    await fetch(url("pingUrl", `?n=${i}-${Date.now()}`), { cache: "no-store", credentials: "same-origin" });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]);
}

function mbps(bytes, milliseconds) {
  const value = (bytes * 8) / (Math.max(milliseconds, 1) / 1000) / 1e6;
  return Math.min(MAX_MBPS, Math.round(value * 10) / 10);
}

async function measureDownload() {
  const start = performance.now();
  const response = await fetch(url("downloadUrl", `?bytes=${DOWNLOAD_BYTES}&t=${Date.now()}`), {
    cache: "no-store", credentials: "same-origin",
  });
  const body = await response.arrayBuffer();
  return mbps(body.byteLength, performance.now() - start);
}

async function measureUpload() {
  const payload = new Uint8Array(UPLOAD_BYTES);
  const start = performance.now();
  const response = await fetch(url("uploadUrl"), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/octet-stream", "X-CSRFToken": root.dataset.csrf },
    body: payload,
  });
  const data = await response.json();
  return mbps(data.received || 0, performance.now() - start);
}

async function checkNetwork() {
  try {
    const latency = await measureLatency();
    $("latency-result").textContent = `${latency} ${texts.ms}`;
    const download = await measureDownload();
    $("download-result").textContent = `${download.toLocaleString("de-DE")} ${texts.mbps}`;
    const upload = await measureUpload();
    $("upload-result").textContent = `${upload.toLocaleString("de-DE")} ${texts.mbps}`;
    return { latency, download, upload };
  } catch {
    $("verdict-result").textContent = texts.failed;
    return { latency: null, download: null, upload: null };
  }
}

const SERVER_TIMEOUT_MS = 10000;
const ICE_TIMEOUT_MS = 10000;

function checkVideoServer() {
  // A script tag, not fetch: the video server need not allow CORS, and the
  // content security policy already allows its script.
  return new Promise((resolve) => {
    const script = document.createElement("script");
    const done = (ok) => {
      window.clearTimeout(timer);
      script.remove();
      $("server-result").textContent = ok ? texts.serverOk : texts.serverFailed;
      resolve(ok);
    };
    const timer = window.setTimeout(() => done(false), SERVER_TIMEOUT_MS);
    script.onload = () => done(true);
    script.onerror = () => done(false);
    script.src = `${root.dataset.externalApiUrl}?check=${Date.now()}`;
    document.head.append(script);
  });
}

function candidateType(candidate) {
  if (candidate.type) return candidate.type;
  const match = / typ (\w+)/.exec(candidate.candidate || "");
  return match ? match[1] : "";
}

async function checkIce() {
  if (typeof window.RTCPeerConnection !== "function") return "none";
  const servers = JSON.parse(document.getElementById("ice-servers").textContent);
  const found = new Set();
  const connection = new RTCPeerConnection({ iceServers: servers });
  connection.createDataChannel("balintkreis-check");
  const finished = new Promise((resolve) => {
    const timer = window.setTimeout(resolve, ICE_TIMEOUT_MS);
    connection.addEventListener("icecandidate", (event) => {
      if (event.candidate) found.add(candidateType(event.candidate));
      else { window.clearTimeout(timer); resolve(); }
    });
  });
  try {
    await connection.setLocalDescription(await connection.createOffer());
    await finished;
  } catch {
    // No route could be gathered.
  }
  connection.close();
  const best = ["relay", "srflx", "host"].find((type) => found.has(type)) || "none";
  $("ice-result").textContent = texts[`ice${best[0].toUpperCase()}${best.slice(1)}`];
  return best;
}

async function save(result) {
  const response = await fetch(root.dataset.saveUrl, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": root.dataset.csrf },
    body: JSON.stringify(result),
  });
  if (!response.ok) throw new Error(String(response.status));
  return response.json();
}

async function run() {
  const button = $("start-check");
  button.disabled = true;
  $("verdict-result").textContent = texts.running;
  const browser = checkBrowser();
  const media = await checkMedia();
  const network = await checkNetwork();
  const [serverReachable, ice] = await Promise.all([checkVideoServer(), checkIce()]);
  try {
    const verdict = await save({
      browser: browser.name,
      is_recommended_browser: browser.chromium,
      has_camera: media.camera,
      has_microphone: media.microphone,
      latency_ms: network.latency,
      download_mbps: network.download,
      upload_mbps: network.upload,
      video_server_reachable: serverReachable,
      ice,
    });
    const result = $("verdict-result");
    result.replaceChildren();
    const label = document.createElement("strong");
    label.textContent = verdict.label;
    result.append(label, ` ${verdict.message}`);
    result.dataset.verdict = verdict.verdict;
    const causes = $("verdict-causes");
    causes.replaceChildren(...verdict.causes.map((cause) => {
      const item = document.createElement("li");
      item.textContent = cause;
      return item;
    }));
  } catch {
    $("verdict-result").textContent = texts.saveFailed;
  }
  button.disabled = false;
}

checkBrowser();
$("start-check").addEventListener("click", run);
