import { useEffect, useRef, useState } from 'preact/hooks';
import { moveFocusTo } from '../../core/focus';
import { useT } from '../../core/i18n';
import { announce } from '../../core/page';
import { guidanceControls } from '../../core/page-script';
import { formatDate } from '../../loan/dates';
import type { CardReading } from '../../loan/id-card';
import { frameSight, lumaOf } from './camera-sight';
import type { CardReader, CardSight } from './card-reader';

/** What the camera sees, as said to the person. */
type Status = 'noCard' | 'cardFound' | 'holdStill' | 'tooDark' | 'read';

type Step =
  | { kind: 'idle' }
  | { kind: 'explain' }
  | { kind: 'camera'; status: Status | null; percent: number | null }
  | { kind: 'preparing'; percent: number }
  | { kind: 'reading' }
  | { kind: 'done'; reading: CardReading }
  | { kind: 'refused' }
  | { kind: 'failed' };

// How often the camera's picture is looked at, and how many readings of a card that is in
// view but not fully clear are tried before Kindly fills in what it could read.
const LOOK_EVERY_MS = 500;
const READ_TRIES = 3;
// The small copy of a frame used to judge light and movement.
const SIGHT_WIDTH = 64;
const SIGHT_HEIGHT = 48;

/** An ID number spelled out digit by digit in its three groups, for speech. */
export function spelledIdNumber(id: string): string {
  return [id.slice(0, 6), id.slice(6, 14), id.slice(14)].map((g) => [...g].join(' ')).join(', ');
}

/** Props of CardFill. */
export interface CardFillProps {
  /** Today (YYYY-MM-DD): no birth date inside an ID number may be later. */
  today: string;
  /** Called with what was read; the page fills in those fields, and sends nothing. */
  onRead: (reading: CardReading) => void;
}

/** "Fill in from your ID card": with the camera (after saying why, in plain words) or a
 *  photo, read on this device; typing below stays the ordinary way. */
export function CardFill(props: CardFillProps) {
  const { t, lang } = useT();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const video = useRef<HTMLVideoElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const cameraButton = useRef<HTMLButtonElement>(null);
  const focusTarget = useRef<HTMLHeadingElement>(null);
  // What must be let go of when reading ends or the page goes: the camera and the reader.
  const held = useRef<{
    stream: MediaStream | null;
    timer: ReturnType<typeof setInterval> | undefined;
    reader: Promise<CardReader> | null;
  }>({ stream: null, timer: undefined, reader: null });

  const tell = (text: string) => {
    announce(text);
    guidanceControls.value?.say(text);
  };

  const releaseCamera = () => {
    const h = held.current;
    clearInterval(h.timer);
    h.timer = undefined;
    for (const track of h.stream?.getTracks() ?? []) track.stop();
    h.stream = null;
    if (video.current) video.current.srcObject = null;
  };
  const closeReader = () => {
    const reader = held.current.reader;
    held.current.reader = null;
    void reader?.then((r) => r.close()).catch(() => undefined);
  };
  useEffect(
    () => () => {
      releaseCamera();
      closeReader();
    },
    [],
  );

  // The heading of each new step takes focus, so a screen reader reads it from the top.
  const kind = step.kind;
  useEffect(() => {
    if (kind !== 'idle' && kind !== 'preparing' && kind !== 'reading' && focusTarget.current) {
      moveFocusTo(focusTarget.current);
    }
  }, [kind]);

  const reader = (onPercent: (percent: number) => void): Promise<CardReader> => {
    held.current.reader ??= import('./card-reader').then((m) =>
      m.startCardReader((share) => onPercent(Math.round(share * 100))),
    );
    return held.current.reader;
  };

  // The reader itself stays ready for another try until the page goes.
  const finish = (reading: CardReading) => {
    releaseCamera();
    props.onRead(reading);
    setStep({ kind: 'done', reading });
    tell(readBack(reading).join(' '));
  };
  const fail = () => {
    releaseCamera();
    closeReader();
    setStep({ kind: 'failed' });
  };

  const readBack = (reading: CardReading): string[] => {
    if (reading.unclear.length === 3) return [t('about:card.nothingRead')];
    const lines = [t('about:card.done.title')];
    if (reading.fullName) lines.push(t('about:card.done.fullName', { value: reading.fullName }));
    if (reading.dateOfBirth) {
      lines.push(t('about:card.done.dob', { value: dateText(reading.dateOfBirth) }));
    }
    if (reading.idNumber) {
      lines.push(t('about:card.done.idNumber', { value: spelledIdNumber(reading.idNumber) }));
    }
    // t('about:card.unclear.full-name') t('about:card.unclear.dob') t('about:card.unclear.id-number')
    for (const field of reading.unclear) lines.push(t(`about:card.unclear.${field}`));
    lines.push(t('about:card.done.check'));
    return lines;
  };
  const dateText = (d: NonNullable<CardReading['dateOfBirth']>) =>
    formatDate(new Date(Date.UTC(Number(d.year), Number(d.month) - 1, Number(d.day))), lang, 'UTC');

  const onPhoto = async (file: File | undefined) => {
    if (!file) return;
    setStep({ kind: 'preparing', percent: 0 });
    tell(t('about:card.preparing', { percent: 0 }));
    try {
      const ready = await reader((percent) => setStep({ kind: 'preparing', percent }));
      setStep({ kind: 'reading' });
      tell(t('about:card.reading'));
      finish(await ready.read(file, props.today));
    } catch {
      fail();
    } finally {
      // The file input lets go of the photo, and the same photo can be chosen again.
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const startCamera = async () => {
    setStep({ kind: 'camera', status: null, percent: 0 });
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 } },
        audio: false,
      });
    } catch {
      setStep({ kind: 'refused' });
      return;
    }
    held.current.stream = stream;
    const element = video.current;
    if (!element) {
      releaseCamera();
      return;
    }
    element.srcObject = stream;
    await element.play().catch(() => undefined);

    let status: Status | null = null;
    const show = (next: Status, percent: number | null = null) => {
      setStep({ kind: 'camera', status: next, percent });
      if (next !== status) tell(t(`about:card.status.${next}`));
      status = next;
    };
    let ready: CardReader | null = null;
    reader((percent) => setStep((s) => (s.kind === 'camera' ? { ...s, percent } : s))).then((r) => {
      ready = r;
      setStep((s) => (s.kind === 'camera' ? { ...s, percent: null } : s));
    }, fail);

    const sight = document.createElement('canvas');
    sight.width = SIGHT_WIDTH;
    sight.height = SIGHT_HEIGHT;
    const sightContext = sight.getContext('2d', { willReadFrequently: true });
    let previous: Uint8Array | null = null;
    let busy = false;
    let tries = 0;
    let best: CardSight | null = null;
    held.current.timer = setInterval(async () => {
      if (busy || !sightContext || element.readyState < 2) return;
      sightContext.drawImage(element, 0, 0, SIGHT_WIDTH, SIGHT_HEIGHT);
      const luma = lumaOf(sightContext.getImageData(0, 0, SIGHT_WIDTH, SIGHT_HEIGHT).data);
      const first = previous === null;
      const looks = frameSight(luma, previous);
      previous = luma;
      if (looks === 'dark') return show('tooDark');
      if (looks === 'moving') return first ? undefined : show('holdStill');
      if (!ready) return;
      busy = true;
      try {
        const seen = await ready.read(frameOf(element), props.today);
        if (!held.current.stream) return;
        if (!seen.sawCard) return show('noCard');
        tries++;
        if (!best || seen.unclear.length < best.unclear.length) best = seen;
        if (best.unclear.length === 0 || tries >= READ_TRIES) {
          show('read');
          finish(best);
        } else {
          show('cardFound');
        }
      } catch {
        fail();
      } finally {
        busy = false;
      }
    }, LOOK_EVERY_MS);
  };

  const takeNow = async () => {
    const element = video.current;
    if (!element || !held.current.stream) return;
    clearInterval(held.current.timer);
    const frame = frameOf(element);
    setStep({ kind: 'reading' });
    try {
      const ready = await reader(() => undefined);
      finish(await ready.read(frame, props.today));
    } catch {
      fail();
    }
  };

  const stopCamera = () => {
    releaseCamera();
    setStep({ kind: 'idle' });
    setTimeout(() => cameraButton.current && moveFocusTo(cameraButton.current));
  };

  const cameraLine = (s: Extract<Step, { kind: 'camera' }>) => {
    if (s.percent !== null) return t('about:card.preparing', { percent: s.percent });
    // t('about:card.status.noCard') t('about:card.status.cardFound')
    // t('about:card.status.holdStill') t('about:card.status.tooDark') t('about:card.status.read')
    return s.status ? t(`about:card.status.${s.status}`) : '';
  };

  return (
    <section class="card-fill panel" aria-labelledby="card-fill-title">
      <h2 id="card-fill-title">{t('about:card.title')}</h2>
      <p>{t('about:card.intro')}</p>
      {step.kind === 'explain' && (
        <div class="card-fill__step">
          <h3 ref={focusTarget} tabIndex={-1}>
            {t('about:card.explain.title')}
          </h3>
          <p>{t('about:card.explain.why')}</p>
          <p>{t('about:card.explain.stays')}</p>
          <p>{t('about:card.explain.nothingSent')}</p>
          <p>{t('about:card.explain.ask')}</p>
          <div class="button-row">
            <button type="button" class="button button--primary" onClick={startCamera}>
              {t('about:card.explain.start')}
            </button>
            <button type="button" class="button" onClick={stopCamera}>
              {t('about:card.explain.cancel')}
            </button>
          </div>
        </div>
      )}
      {step.kind === 'camera' && (
        <div class="card-fill__step">
          <h3 ref={focusTarget} tabIndex={-1}>
            {t('about:card.camera.aim')}
          </h3>
          <video
            ref={video}
            class="card-fill__video"
            muted
            playsInline
            aria-label={t('about:card.camera.label')}
          />
          <p>{cameraLine(step)}</p>
          <div class="button-row">
            <button type="button" class="button button--primary" onClick={takeNow}>
              {t('about:card.camera.take')}
            </button>
            <button type="button" class="button" onClick={stopCamera}>
              {t('about:card.camera.stop')}
            </button>
          </div>
        </div>
      )}
      {step.kind === 'preparing' && <p>{t('about:card.preparing', { percent: step.percent })}</p>}
      {step.kind === 'reading' && <p>{t('about:card.reading')}</p>}
      {step.kind === 'done' && (
        <div class="card-fill__step" data-testid="card-result">
          <h3 ref={focusTarget} tabIndex={-1}>
            {step.reading.unclear.length === 3
              ? t('about:card.nothingRead')
              : t('about:card.done.title')}
          </h3>
          {step.reading.unclear.length < 3 && (
            <ul>
              {step.reading.fullName && (
                <li>{t('about:card.done.fullName', { value: step.reading.fullName })}</li>
              )}
              {step.reading.dateOfBirth && (
                <li>{t('about:card.done.dob', { value: dateText(step.reading.dateOfBirth) })}</li>
              )}
              {step.reading.idNumber && (
                <li>
                  <span aria-hidden="true">
                    {t('about:card.done.idNumber', {
                      value: `${step.reading.idNumber.slice(0, 6)} ${step.reading.idNumber.slice(6, 14)} ${step.reading.idNumber.slice(14)}`,
                    })}
                  </span>
                  <span class="visually-hidden">
                    {t('about:card.done.idNumber', {
                      value: spelledIdNumber(step.reading.idNumber),
                    })}
                  </span>
                </li>
              )}
              {step.reading.unclear.map((field) => (
                <li key={field}>{t(`about:card.unclear.${field}`)}</li>
              ))}
            </ul>
          )}
          {step.reading.unclear.length < 3 && <p>{t('about:card.done.check')}</p>}
        </div>
      )}
      {step.kind === 'refused' && (
        <h3 ref={focusTarget} tabIndex={-1} class="card-fill__message">
          {t('about:card.refused')}
        </h3>
      )}
      {step.kind === 'failed' && (
        <h3 ref={focusTarget} tabIndex={-1} class="card-fill__message">
          {t('about:card.failed')}
        </h3>
      )}
      {(step.kind === 'idle' || step.kind === 'done' || step.kind === 'refused') && (
        <div class="button-row">
          <button
            ref={cameraButton}
            type="button"
            class="button"
            onClick={() => setStep({ kind: 'explain' })}
          >
            {t('about:card.useCamera')}
          </button>
          <button type="button" class="button" onClick={() => fileInput.current?.click()}>
            {t('about:card.choosePhoto')}
          </button>
        </div>
      )}
      {/* Without capture="environment", a tablet offers its camera and its photos alike. */}
      <input
        ref={fileInput}
        type="file"
        accept="image/*"
        hidden
        tabIndex={-1}
        aria-label={t('about:card.choosePhoto')}
        onChange={(e) => void onPhoto((e.currentTarget as HTMLInputElement).files?.[0])}
      />
    </section>
  );
}

// A still of the camera's picture at its own size, for the reader (which clears it after).
function frameOf(element: HTMLVideoElement): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = element.videoWidth;
  canvas.height = element.videoHeight;
  canvas.getContext('2d')?.drawImage(element, 0, 0);
  return canvas;
}
