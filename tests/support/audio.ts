// Small audio files for the greeting-file tests: a real PCM WAV (8 kHz, 16-bit, mono) and an MP3 made of a
// tag and Layer III frame headers. `seed` changes the samples, so two files can differ in content only.

/** A WAV file of `ms` milliseconds of a quiet tone; `seed` shifts the tone (another seed, other bytes). */
export function wavBytes(ms = 100, seed = 1): Buffer {
  const rate = 8000;
  const samples = Math.max(1, Math.round((rate * ms) / 1000));
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(800 * Math.sin((2 * Math.PI * (220 + seed * 10) * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "latin1");
  header.write("fmt ", 12, "latin1");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "latin1");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** An MP3 file: an ID3v2 tag (`withTag`) or none, then `frames` MPEG-1 Layer III frame headers with silence. */
export function mp3Bytes(frames = 4, withTag = true, seed = 0): Buffer {
  const tag = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  // 128 kbit/s, 44.1 kHz: 417 bytes a frame.
  const frame = Buffer.alloc(417, seed & 0xff);
  frame.set([0xff, 0xfb, 0x90, 0x64], 0);
  return Buffer.concat([...(withTag ? [tag] : []), ...Array.from({ length: frames }, () => frame)]);
}
