// The online meeting page: embeds Jitsi through its iframe API (or, for
// servers that forbid embedding, opens the room in its own window), sends
// heartbeats (every 15 s and on join/leave) and keeps the connection panel
// current. Recording, streaming and invitations stay off: the toolbar and
// config come from core/jitsi.py. Data comes from data-* attributes and
// json_script; no inline JS.

const container = document.querySelector("[data-meeting]");
const config = JSON.parse(document.getElementById("jitsi-config").textContent);
const texts = document.getElementById("panel-texts").dataset;
const statusLine = document.getElementById("jitsi-status");
const list = document.getElementById("connection-list");
const timeline = document.getElementById("connection-timeline");

const PANEL_VISIBLE_MS = 5000;
const PANEL_HIDDEN_MS = 30000;

let api = null;
let joined = false;
let beatTimer = null;

function newBeatId() {
  if (window.crypto && typeof window.crypto.randomUUID === "function") {
    return window.crypto.randomUUID();
  }
  return `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

async function connectionQuality() {
  // Feature-detected: not every Jitsi version offers getConnectionStats().
  if (!api || typeof api.getConnectionStats !== "function") return null;
  try {
    const stats = await api.getConnectionStats();
    const value = stats && (stats.connectionQuality ?? stats.quality);
    if (typeof value !== "number" || Number.isNaN(value)) return null;
    return Math.max(0, Math.min(100, Math.round(value)));
  } catch {
    return null;
  }
}

async function post(body, { keepalive = false } = {}) {
  return fetch(container.dataset.heartbeatUrl, {
    method: "POST",
    credentials: "same-origin",
    keepalive,
    headers: {
      "Content-Type": "application/json",
      "X-Presence-Pass": container.dataset.presencePass,
    },
    body: JSON.stringify(body),
  });
}

// Heartbeats go out one after another, so a leave is never overtaken by the
// rejoin that follows it.
let sending = Promise.resolve();

function sendBeat(kind) {
  // A meeting with a fallback link takes presence from the attendance sheet.
  if (!config.tracksPresence) return Promise.resolve();
  sending = sending.then(() => deliverBeat(kind));
  return sending;
}

async function deliverBeat(kind) {
  const body = {
    kind,
    beat_id: newBeatId(),
    sent_at: Date.now(),
    quality: kind === "left" ? null : await connectionQuality(),
  };
  try {
    const response = await post(body, { keepalive: kind === "left" });
    if (response.status >= 500) throw new Error(String(response.status));
  } catch {
    // One retry with the same id: the server ignores it if the first arrived.
    try { await post(body, { keepalive: kind === "left" }); } catch { /* next beat */ }
  }
  await refreshPanel();
}

function startBeats() {
  stopBeats();
  beatTimer = window.setInterval(() => sendBeat("beat"), config.beatSeconds * 1000);
}

function stopBeats() {
  if (beatTimer !== null) window.clearInterval(beatTimer);
  beatTimer = null;
}

function renderPeople(people) {
  list.replaceChildren();
  if (!people.length) {
    const item = document.createElement("li");
    item.className = "muted";
    item.textContent = texts.nobody;
    list.append(item);
    return;
  }
  for (const person of people) {
    const item = document.createElement("li");
    item.className = `connection connection-${person.status}`;
    item.dataset.status = person.status;
    const name = document.createElement("span");
    name.className = "connection-name";
    name.textContent = person.name;
    const state = document.createElement("span");
    state.className = "connection-state";
    state.textContent = texts[person.status] || person.status;
    item.append(name, " ", state);
    if (person.quality !== null && person.quality !== undefined && person.status !== "left") {
      const quality = document.createElement("span");
      quality.className = "connection-quality";
      quality.textContent = ` · ${texts.quality} ${person.quality} %`;
      item.append(quality);
    }
    list.append(item);
  }
}

function renderTimeline(events) {
  if (!timeline || !events) return;
  timeline.replaceChildren();
  for (const event of events) {
    const item = document.createElement("li");
    item.textContent = `${event.at} ${event.name}: ${texts[event.kind] || event.kind}`;
    timeline.append(item);
  }
}

// The silent phase (seed 003): every panel says the silence is intended.
const silenceNotice = document.getElementById("silence-notice");
const silenceButton = document.getElementById("toggle-silence");

function renderSilence(silent) {
  if (silenceNotice) silenceNotice.hidden = !silent;
  if (silenceButton) {
    silenceButton.setAttribute("aria-pressed", silent ? "true" : "false");
    silenceButton.textContent = silent ? texts.silenceOn : texts.silenceOff;
  }
}

silenceButton?.addEventListener("click", async () => {
  const silent = silenceButton.getAttribute("aria-pressed") !== "true";
  try {
    const response = await fetch(silenceButton.dataset.url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-Presence-Pass": container.dataset.presencePass,
      },
      body: JSON.stringify({ silent }),
    });
    if (response.ok) renderSilence((await response.json()).silent);
  } catch {
    // The next click tries again.
  }
});

let panelTimer = null;

async function refreshPanel() {
  try {
    const response = await fetch(container.dataset.connectionsUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Presence-Pass": container.dataset.presencePass },
    });
    if (response.ok) {
      const data = await response.json();
      renderPeople(data.people);
      renderTimeline(data.timeline);
      renderSilence(Boolean(data.silent));
    }
  } catch {
    // The next poll tries again.
  }
}

function schedulePanel() {
  // Poll less often while the tab is hidden: cheap for the server.
  window.clearTimeout(panelTimer);
  const delay = document.hidden ? PANEL_HIDDEN_MS : PANEL_VISIBLE_MS;
  panelTimer = window.setTimeout(async () => {
    await refreshPanel();
    schedulePanel();
  }, delay);
}

document.addEventListener("visibilitychange", () => {
  if (!config.tracksPresence) return;
  if (!document.hidden) refreshPanel();
  schedulePanel();
});

function showFailure() {
  const failed = document.getElementById("room-failed");
  if (failed) failed.hidden = false;
  if (statusLine) statusLine.remove();
}

document.getElementById("reload-room")?.addEventListener("click", () => window.location.reload());

function startJitsi() {
  if (typeof window.JitsiMeetExternalAPI !== "function") {
    showFailure();
    return;
  }
  // No sign of life from the room in time: offer reload, fallback and contact.
  let alive = false;
  const markAlive = () => { alive = true; };
  const loadTimer = window.setTimeout(() => { if (!alive) showFailure(); }, config.loadSeconds * 1000);
  try {
    api = new window.JitsiMeetExternalAPI(config.domain, {
      roomName: config.roomName,
      parentNode: container,
      width: "100%",
      height: 560,
      jwt: config.jwt || undefined,
      lang: "de",
      // config.email is only there when the operator set JITSI_SEND_EMAIL.
      userInfo: config.email
        ? { displayName: config.displayName, email: config.email }
        : { displayName: config.displayName },
      configOverwrite: config.configOverwrite,
      interfaceConfigOverwrite: { TOOLBAR_BUTTONS: config.toolbar },
    });
  } catch {
    window.clearTimeout(loadTimer);
    showFailure();
    return;
  }
  statusLine.remove();
  const frame = typeof api.getIFrame === "function" ? api.getIFrame() : null;
  if (frame && !frame.title) frame.title = container.dataset.frameTitle || "Jitsi Meet";
  for (const event of ["browserSupport", "prejoinScreenLoaded", "videoConferenceJoined"]) {
    api.addListener(event, markAlive);
  }
  api.addListener("videoConferenceJoined", () => {
    joined = true;
    sendBeat("joined");
    startBeats();
  });
  api.addListener("videoConferenceLeft", () => {
    joined = false;
    stopBeats();
    sendBeat("left");
  });
  api.addListener("participantRoleChanged", (event) => {
    // The leader is moderator and keeps the lobby on (closed group, R10).
    if (config.isModerator && event && event.role === "moderator") {
      api.executeCommand("toggleLobby", true);
    }
  });
  window.addEventListener("pagehide", () => {
    if (joined) sendBeat("left");
  });
}

// Window mode (servers that forbid embedding, e.g. meet.jit.si): the room
// runs in its own window; presence follows whether that window is open.
let roomWindow = null;
let windowTimer = null;

// A server whose page cuts the link to its opener (Cross-Origin-Opener-
// Policy) makes the window look closed at once: then the page cannot follow
// the window and counts the person as present while this page is open.
const UNTRACKABLE_MS = 3000;

function watchWindow(openedAt) {
  window.clearInterval(windowTimer);
  windowTimer = window.setInterval(() => {
    if (roomWindow && roomWindow.closed && Date.now() - openedAt < UNTRACKABLE_MS) {
      window.clearInterval(windowTimer);
      roomWindow = null;
      document.getElementById("window-status").textContent = texts.windowUntracked;
      return;
    }
    if (roomWindow && roomWindow.closed) {
      window.clearInterval(windowTimer);
      roomWindow = null;
      joined = false;
      stopBeats();
      sendBeat("left");
      document.getElementById("window-status").textContent = texts.windowClosed;
    }
  }, 1000);
}

function openWindow(event) {
  event.preventDefault();
  const link = event.currentTarget;
  if (roomWindow && !roomWindow.closed) {
    roomWindow.focus();
    return;
  }
  roomWindow = window.open(link.href, link.target);
  const status = document.getElementById("window-status");
  if (!roomWindow) {
    status.textContent = texts.windowBlocked;
    return;
  }
  status.textContent = texts.windowOpen;
  if (!joined) {
    joined = true;
    sendBeat("joined");
    startBeats();
  }
  watchWindow(Date.now());
}

if (config.embeds) {
  startJitsi();
} else {
  statusLine?.remove();
  document.getElementById("open-window").addEventListener("click", openWindow);
}
if (config.tracksPresence) {
  refreshPanel();
  schedulePanel();
}
