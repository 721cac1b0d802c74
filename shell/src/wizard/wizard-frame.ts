/**
 * @module The install wizard's frame around a step: title, the list of steps with the current
 * one marked, the step's heading (focused on each change), progress, the message, the buttons.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { t } from '../i18n/index.ts';
import './wizard-messages.ts';

/** A message under the step: progress and success (status) or a refusal (alert). */
export interface WizardMessage {
  text: string;
  error: boolean;
  issues?: string[];
}

/** What the frame shows and calls. */
export interface FrameView {
  title: string;
  stepTitles: string[];
  step: number;
  body: TemplateResult;
  busy: boolean;
  done: boolean;
  message: WizardMessage | undefined;
  /** On the last step: the submit button's label, and whether it may be pressed. */
  submit: { label: string; enabled: boolean } | undefined;
  onCancel(): void;
  onBack(): void;
  onNext(): void;
  onSubmit(): void;
}

function messageBox(m: WizardMessage): TemplateResult {
  return html`<div class=${m.error ? 'error' : 'status'} role=${m.error ? 'alert' : 'status'}>
    ${m.text}
    ${m.issues?.length ? html`<ul>${m.issues.map((i) => html`<li>${i}</li>`)}</ul>` : nothing}
  </div>`;
}

/** The whole wizard around the current step's body. */
export function renderFrame(v: FrameView): TemplateResult {
  const total = v.stepTitles.length;
  return html`
    <h1>${v.title}</h1>
    <ol class="steps" aria-label=${t('wizard.steps')}>
      ${v.stepTitles.map((s, i) => html`<li aria-current=${i === v.step ? 'step' : nothing}>${s}</li>`)}
    </ol>
    <section aria-labelledby="step-title">
      <h2 id="step-title" tabindex="-1">
        ${v.stepTitles[v.step]}
        <span class="count">${t('wizard.step-of', { n: v.step + 1, total })}</span>
      </h2>
      ${v.body}
    </section>
    ${v.busy ? html`<progress aria-label=${v.message?.text ?? ''}></progress>` : nothing}
    ${v.message ? messageBox(v.message) : nothing}
    <div class="actions">
      <button type="button" class="cancel" ?disabled=${v.busy} @click=${v.onCancel}>
        ${t('wizard.cancel')}
      </button>
      <button type="button" class="back" ?disabled=${v.step === 0 || v.busy || v.done} @click=${v.onBack}>
        ${t('wizard.back')}
      </button>
      ${
        v.submit
          ? html`<button type="button" class="submit" ?disabled=${v.busy || v.done || !v.submit.enabled}
              @click=${v.onSubmit}>${v.submit.label}</button>`
          : html`<button type="button" class="next" ?disabled=${v.busy} @click=${v.onNext}>
              ${t('wizard.next')}
            </button>`
      }
    </div>
  `;
}
