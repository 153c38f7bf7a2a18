/** Whether this browser can be asked for a camera at all (it also needs a secure context). */
export function webcamAvailable(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/**
 * One frame from the camera as a PNG blob: the stream is opened, the first decoded frame
 * drawn, and the camera switched off again at once.
 */
export async function grabWebcamFrame(): Promise<Blob> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
  try {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await video.play();
    if (!video.videoWidth) await new Promise((resolve) => video.addEventListener('loadeddata', resolve, { once: true }));
    const canvas = Object.assign(document.createElement('canvas'), { width: video.videoWidth, height: video.videoHeight });
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser gave no 2-D canvas to draw the frame on');
    ctx.drawImage(video, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the frame could not be encoded'))), 'image/png'));
  } finally {
    for (const track of stream.getTracks()) track.stop();
  }
}
