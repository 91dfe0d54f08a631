// A timer that fires must reach an operator who has looked away: a tone through the speakers and a
// desktop notification (the OS one in Electron, the browser's in the web host), both optional.
let audio: AudioContext | null = null;

/** Two short tones, louder and lower for what is urgent. Silent where audio is unavailable. */
export function chime(urgent: boolean): void {
  try {
    audio ??= new AudioContext();
    const t0 = audio.currentTime;
    for (const [i, freq] of (urgent ? [660, 440, 660] : [880, 660]).entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t0 + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(urgent ? 0.4 : 0.2, t0 + i * 0.25 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + i * 0.25 + 0.2);
      osc.connect(gain).connect(audio.destination);
      osc.start(t0 + i * 0.25);
      osc.stop(t0 + i * 0.25 + 0.22);
    }
  } catch {
    // No audio device: the banner is still on screen.
  }
}

/** Ask once, when a session starts (a user gesture), so the first alarm is not the first question. */
export function askNotificationPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default')
    void Notification.requestPermission().catch(() => {});
}

export function notify(title: string, body: string, tag: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag, requireInteraction: true });
    n.onclick = () => window.focus();
  } catch {
    // Some hosts allow the permission but not the constructor: the banner is still on screen.
  }
}
