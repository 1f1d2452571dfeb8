// The online meeting page: embeds Jitsi through its iframe API, sends
// heartbeats (every 15 s and on join/leave) and keeps the connection panel
// current. Data comes from data-* attributes and json_script; no inline JS.

const container = document.querySelector("[data-meeting]");
const config = JSON.parse(document.getElementById("jitsi-config").textContent);
const texts = document.getElementById("panel-texts").dataset;
const statusLine = document.getElementById("jitsi-status");
const list = document.getElementById("connection-list");
const timeline = document.getElementById("connection-timeline");

const PANEL_VISIBLE_MS = 5000;
const PANEL_HIDDEN_MS = 30000;

// Recording, live streaming and invitations stay off (DOMAIN.md R10).
const TOOLBAR = [
  "camera", "chat", "closedcaptions", "desktop", "filmstrip", "fullscreen",
  "hangup", "microphone", "noisesuppression", "participants-pane", "raisehand",
  "select-background", "settings", "tileview", "toggle-camera", "videoquality",
];

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
  if (!document.hidden) refreshPanel();
  schedulePanel();
});

function startJitsi() {
  if (typeof window.JitsiMeetExternalAPI !== "function") {
    statusLine.textContent = texts.failed;
    return;
  }
  statusLine.remove();
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
    configOverwrite: {
      prejoinConfig: { enabled: true },
      prejoinPageEnabled: true,
      defaultLanguage: "de",
      disableInviteFunctions: true,
      fileRecordingsEnabled: false,
      liveStreamingEnabled: false,
      localRecording: { disable: true },
      recordingService: { enabled: false },
      toolbarButtons: TOOLBAR,
    },
    interfaceConfigOverwrite: { TOOLBAR_BUTTONS: TOOLBAR },
  });
  const frame = typeof api.getIFrame === "function" ? api.getIFrame() : null;
  if (frame && !frame.title) frame.title = container.dataset.frameTitle || "Jitsi Meet";
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

startJitsi();
refreshPanel();
schedulePanel();
