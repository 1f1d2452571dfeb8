// Test stand-in for Jitsi's external_api.js (served only by Playwright's
// request routing in tests/browser; production loads the real script from
// https://{JITSI_DOMAIN}/external_api.js). It offers the constructor, events
// and functions the meeting page uses and records what it was given.
(function () {
  class JitsiMeetExternalAPI {
    constructor(domain, options) {
      this.domain = domain;
      this.options = options;
      this.listeners = {};
      this.commands = [];
      const frame = document.createElement("iframe");
      frame.srcdoc = '<!doctype html><html lang="de"><head><title>Jitsi</title></head>'
        + "<body><main><p>Jitsi-Platzhalter</p></main></body></html>";
      frame.style.width = "100%";
      frame.style.height = "200px";
      options.parentNode.appendChild(frame);
      this.frame = frame;
      window.jitsiStandIn.instances.push(this);
      // Like the real API after the pre-join screen: the local user joins.
      window.setTimeout(() => this.emit("videoConferenceJoined", {
        roomName: options.roomName,
        id: "local1",
        displayName: options.userInfo && options.userInfo.displayName,
      }), 50);
    }

    addListener(name, listener) {
      (this.listeners[name] = this.listeners[name] || []).push(listener);
    }

    on(name, listener) { this.addListener(name, listener); }

    removeListener(name, listener) {
      this.listeners[name] = (this.listeners[name] || []).filter((l) => l !== listener);
    }

    emit(name, data) {
      for (const listener of this.listeners[name] || []) listener(data || {});
    }

    executeCommand(name, ...args) { this.commands.push([name, ...args]); }

    getIFrame() { return this.frame; }

    getConnectionStats() {
      return Promise.resolve({ connectionQuality: window.jitsiStandIn.quality });
    }

    dispose() { this.frame.remove(); }
  }

  window.jitsiStandIn = { instances: [], quality: 87 };
  window.JitsiMeetExternalAPI = JitsiMeetExternalAPI;
})();
