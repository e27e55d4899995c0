/**
 * The hall display's sound: a two-tone chime (Web Audio) and the call read aloud in Vietnamese (speech
 * synthesis, when the browser has a voice). Browsers allow sound only after a user gesture: the page offers a
 * button that calls `unlock()` once.
 */
let context: AudioContext | null = null;

export function unlockSound(): boolean {
  try {
    context ??= new AudioContext();
    void context.resume();
    // An empty utterance inside the gesture lets later speech play on browsers that require it.
    if ('speechSynthesis' in window) window.speechSynthesis.speak(new SpeechSynthesisUtterance(''));
    return true;
  } catch {
    return false;
  }
}

function chime(ctx: AudioContext) {
  const start = ctx.currentTime;
  for (const [i, frequency] of [880, 660].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = frequency;
    osc.type = 'sine';
    const at = start + i * 0.35;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.4, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.32);
  }
}

export function announce(text: string) {
  if (context) chime(context);
  if (!('speechSynthesis' in window)) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = 'vi-VN';
  const voice = window.speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith('vi'));
  if (voice) utterance.voice = voice;
  utterance.rate = 0.9;
  // After the chime.
  setTimeout(() => window.speechSynthesis.speak(utterance), 700);
}
