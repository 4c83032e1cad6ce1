import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, render } from 'lit';
import { ref } from 'lit/directives/ref.js';

import '@digit-canvas/element/digit-canvas.js';
import type { DigitCanvas, DigitErrorDetail, DigitPredictionDetail } from '../index.js';
import { modelUrl, trajectoryModelUrl } from './support/model.js';
import './support/stories.css';

const meta: Meta = {
  title: 'Element/Learns your handwriting',
  component: 'digit-canvas',
};
export default meta;

/** Where this story keeps its profile, in this browser only. */
const KEY = 'digit-canvas-story-profile';

function storyOf(event: Event): HTMLElement | null {
  return (event.currentTarget as HTMLElement).closest('.learns');
}

function canvasIn(story: HTMLElement): DigitCanvas {
  return story.querySelector<DigitCanvas>('digit-canvas')!;
}

/** What the profile holds: how many examples, and how many of each digit. */
function profileView(canvas: DigitCanvas | null) {
  const examples = canvas?.profile?.toJSON().examples ?? [];
  const counts = Array.from({ length: 10 }, (_, d) => examples.filter((e) => e.digit === d).length);
  return html`<p class="status-line" data-testid="profile-size">
      Your profile holds ${examples.length} example${examples.length === 1 ? '' : 's'}.
    </p>
    <table class="profile-counts">
      <caption class="status-line">
        Examples per digit
      </caption>
      <tr>
        <th scope="row">Digit</th>
        ${counts.map((_, d) => html`<th scope="col">${d}</th>`)}
      </tr>
      <tr>
        <th scope="row">Examples</th>
        ${counts.map((n) => html`<td>${n}</td>`)}
      </tr>
    </table>`;
}

function showProfile(story: HTMLElement): void {
  const area = story.querySelector<HTMLElement>('.profile-area');
  if (area) render(profileView(canvasIn(story)), area);
}

function say(story: HTMLElement, text: string, error = false): void {
  const line = story.querySelector<HTMLElement>('.learn-status');
  if (!line) return;
  line.textContent = text;
  line.classList.toggle('error', error);
}

function predicted(event: CustomEvent<DigitPredictionDetail>): void {
  const story = storyOf(event);
  if (!story) return;
  const { detail } = event;
  const answer = story.querySelector<HTMLElement>('.answer');
  if (answer) answer.textContent = detail.digits.length ? detail.value || '?' : '–';
  const how = detail.corrected
    ? 'Corrected: the profile has learned this drawing.'
    : detail.digits.some((p) => p.decidedBy === 'profile')
      ? `${(100 * detail.confidence).toFixed(1)}% sure: your profile changed the models’ answer.`
      : detail.digits.length
        ? `${(100 * detail.confidence).toFixed(1)}% sure.`
        : 'Draw a digit in the box.';
  say(story, how);
  showProfile(story);
}

function correctTo(event: Event, digit: number): void {
  const story = storyOf(event);
  if (!story) return;
  const canvas = canvasIn(story);
  if (canvas.strokes.length === 0) {
    say(story, 'Draw a digit first, then say what it is.');
    return;
  }
  canvas.correct(digit);
}

function accept(event: Event): void {
  const story = storyOf(event);
  if (!story) return;
  const learned = canvasIn(story).accept();
  say(
    story,
    learned
      ? 'Kept: the models were unsure, so the profile learned this one.'
      : 'Nothing to learn: the answer was sure already (or there is none).',
  );
  showProfile(story);
}

function forget(event: Event): void {
  const story = storyOf(event);
  if (!story) return;
  canvasIn(story).forget();
  say(story, 'The profile is empty, and its copy in this browser removed.');
  showProfile(story);
}

function failed(event: CustomEvent<DigitErrorDetail>): void {
  const story = storyOf(event);
  if (story) say(story, event.detail.message, true);
  showProfileLater(event);
}

function showProfileLater(event: Event): void {
  const story = storyOf(event);
  if (story) queueMicrotask(() => showProfile(story));
}

/**
 * The element learns each writer's hand. When it misreads a digit, say what it was with the
 * digit buttons (`canvas.correct(digit)`); draw it again the same way and the answer follows
 * the correction. "Looks right" keeps an answer the models were unsure of (`canvas.accept()`).
 * With `remember`, the profile is kept in this browser's localStorage, and never leaves it;
 * "Forget my handwriting" (`canvas.forget()`) empties it and removes the stored copy.
 */
export const LearnsYourHandwriting: StoryObj = {
  name: 'Learns your handwriting',
  render: () =>
    html`<style>
        .learns .digit-picker {
          display: grid;
          grid-template-columns: repeat(5, 2.75rem);
          gap: 6px;
          border: 0;
          padding: 0;
          margin: 0;
        }
        .learns .digit-picker legend {
          padding: 0;
          margin-bottom: 6px;
        }
        .learns .digit-picker button {
          padding: 6px 0;
          font-variant-numeric: tabular-nums;
        }
        .learns .profile-counts {
          border-collapse: collapse;
          font-variant-numeric: tabular-nums;
        }
        .learns .profile-counts caption {
          text-align: start;
          margin-bottom: 4px;
        }
        .learns .profile-counts th,
        .learns .profile-counts td {
          border: 1px solid #c4c4c4;
          padding: 2px 8px;
          text-align: center;
        }
      </style>
      <div class="story learns">
        <div class="column">
          <p class="note">
            Draw a digit. If it is read wrong, press the digit it really is, then draw it again the
            same way: the answer now follows your correction.
          </p>
          <digit-canvas
            remember=${KEY}
            label="Draw a digit for the model to learn"
            model-url=${modelUrl}
            trajectory-model-url=${trajectoryModelUrl}
            @digit-prediction=${predicted}
            @digit-clear=${(e: Event) => {
              const story = storyOf(e);
              if (story) story.querySelector('.answer')!.textContent = '–';
            }}
            @digit-error=${failed}
            ${ref((el) => {
              // The profile restored from this browser, once the element has connected.
              if (el) queueMicrotask(() => showProfile(el.closest('.learns') as HTMLElement));
            })}
          ></digit-canvas>
          <p class="status-line">Escape clears, Ctrl+Z undoes the last stroke.</p>
        </div>
        <div class="column result">
          <p class="answer" aria-live="polite" data-testid="answer">–</p>
          <p class="status-line learn-status" role="status">Draw a digit in the box.</p>
          <fieldset class="digit-picker">
            <legend>Wrong? It is really:</legend>
            ${Array.from(
              { length: 10 },
              (_, d) =>
                html`<button
                  type="button"
                  aria-label=${`It is a ${d}`}
                  @click=${(e: Event) => correctTo(e, d)}
                >
                  ${d}
                </button>`,
            )}
          </fieldset>
          <div class="buttons">
            <button type="button" @click=${accept}>Looks right</button>
            <button
              type="button"
              @click=${(e: Event) => {
                const story = storyOf(e);
                if (story) canvasIn(story).clear();
              }}
            >
              Clear drawing
            </button>
          </div>
          <div class="profile-area"></div>
          <div class="buttons">
            <button type="button" @click=${forget}>Forget my handwriting</button>
          </div>
          <p class="status-line">
            The profile stays in this browser (localStorage, key “${KEY}”); nothing is sent
            anywhere.
          </p>
        </div>
      </div>`,
};
