// Technik-Check: browser, camera and microphone with a level meter, and a
// connection test against our own server. The server decides the verdict.

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
  try {
    const verdict = await save({
      browser: browser.name,
      is_recommended_browser: browser.chromium,
      has_camera: media.camera,
      has_microphone: media.microphone,
      latency_ms: network.latency,
      download_mbps: network.download,
      upload_mbps: network.upload,
    });
    const result = $("verdict-result");
    result.replaceChildren();
    const label = document.createElement("strong");
    label.textContent = verdict.label;
    result.append(label, ` ${verdict.message}`);
    result.dataset.verdict = verdict.verdict;
  } catch {
    $("verdict-result").textContent = texts.saveFailed;
  }
  button.disabled = false;
}

checkBrowser();
$("start-check").addEventListener("click", run);
