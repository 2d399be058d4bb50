'use client';

import { useId } from 'react';
import type { Pipeline, PipelineStep } from '@/editor/pipeline';
import { quote, unquote } from '@/editor/pipeline';
import { STEPS, isQuoted, stepSpec } from './steps';

function StepEditor(props: { step: PipelineStep; index: number; tables: string[]; readOnly?: boolean; onChange: (s: PipelineStep) => void; onRemove: () => void; onMove: (d: -1 | 1) => void; last: boolean }) {
  const { step, index } = props;
  const spec = stepSpec(step.fn);
  const uid = useId();
  const setArg = (i: number, raw: string) => {
    const args = [...step.args];
    while (args.length <= i) args.push('');
    args[i] = raw;
    props.onChange({ ...step, args });
  };
  return (
    <div className="step" data-testid={`pipeline-step-${index}`} data-fn={step.fn} role="group" aria-label={`Step ${index + 1}: ${spec?.label ?? step.fn}`}>
      <div className="row" style={{ gap: 4 }}>
        <strong className="small">{index + 1}. {spec?.label ?? `$${step.fn}`}</strong>
        <span className="spacer" />
        {props.readOnly ? null : (
          <>
            <button type="button" className="link" aria-label="Move step earlier" disabled={index === 0} onClick={() => props.onMove(-1)}>◀</button>
            <button type="button" className="link" aria-label="Move step later" disabled={props.last} onClick={() => props.onMove(1)}>▶</button>
            <button type="button" className="link" aria-label={`Remove step ${index + 1}`} onClick={props.onRemove}>✕</button>
          </>
        )}
      </div>
      {spec ? (
        spec.params.map((p, i) => {
          const raw = step.args[i] ?? '';
          const id = `${uid}-${i}`;
          const value = isQuoted(p.type) ? unquote(raw) : raw;
          const write = (v: string) => setArg(i, isQuoted(p.type) ? (v === '' && p.optional ? '' : quote(v)) : v);
          return (
            <label key={p.name} className="field small" htmlFor={id}>
              {p.label}
              {p.type.kind === 'choice' ? (
                <select id={id} value={value} disabled={props.readOnly} onChange={(e) => write(e.target.value)} data-testid={`step-${index}-${p.name}`}>
                  {p.optional ? <option value="">default</option> : null}
                  {!p.type.options.some((o) => o.value === value) && value ? <option value={value}>{value}</option> : null}
                  {p.type.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              ) : p.type.kind === 'table' ? (
                <select id={id} value={value} disabled={props.readOnly} onChange={(e) => write(e.target.value)} data-testid={`step-${index}-${p.name}`}>
                  <option value="">choose a table</option>
                  {props.tables.map((t) => <option key={t} value={t}>{t}</option>)}
                </select>
              ) : (
                <input id={id} value={value} type={p.type.kind === 'number' ? 'number' : 'text'} step="any" disabled={props.readOnly} onChange={(e) => write(e.target.value)} data-testid={`step-${index}-${p.name}`} />
              )}
            </label>
          );
        })
      ) : (
        step.args.map((a, i) => (
          <label key={i} className="field small">
            Argument {i + 1}
            <input value={a} disabled={props.readOnly} onChange={(e) => setArg(i, e.target.value)} />
          </label>
        ))
      )}
      {spec ? <span className="muted small">{spec.help}</span> : null}
    </div>
  );
}

/** Pick a source field, then add, edit, reorder and remove steps. */
export function PipelineEditor(props: { pipeline: Pipeline; sourceFields: string[]; tables: string[]; readOnly?: boolean; onChange: (p: Pipeline) => void }) {
  const { pipeline, sourceFields } = props;
  const uid = useId();
  const custom = !sourceFields.includes(pipeline.source);
  const setSteps = (steps: PipelineStep[]) => props.onChange({ ...pipeline, steps });
  return (
    <div className="stack" data-testid="pipeline-editor">
      <div className="pipeline" aria-label="Pipeline">
        <div className="step" data-testid="pipeline-source">
          <strong className="small">Source</strong>
          <label className="field small" htmlFor={`${uid}-src`}>
            Field from the ERP record
            <select id={`${uid}-src`} value={custom ? '__custom' : pipeline.source} disabled={props.readOnly} onChange={(e) => props.onChange({ ...pipeline, source: e.target.value === '__custom' ? pipeline.source : e.target.value })} data-testid="pipeline-source-field">
              {sourceFields.map((f) => <option key={f} value={f}>{f}</option>)}
              <option value="__custom">A formula…</option>
            </select>
          </label>
          {custom ? (
            <label className="field small">
              Formula
              <input value={pipeline.source} disabled={props.readOnly} onChange={(e) => props.onChange({ ...pipeline, source: e.target.value })} />
            </label>
          ) : null}
        </div>
        {pipeline.steps.map((s, i) => (
          <div key={i} className="row" style={{ gap: 6, alignItems: 'stretch' }}>
            <span className="arrow" aria-hidden="true">→</span>
            <StepEditor
              step={s}
              index={i}
              tables={props.tables}
              readOnly={props.readOnly}
              last={i === pipeline.steps.length - 1}
              onChange={(n) => setSteps(pipeline.steps.map((x, j) => (j === i ? n : x)))}
              onRemove={() => setSteps(pipeline.steps.filter((_, j) => j !== i))}
              onMove={(d) => {
                const next = [...pipeline.steps];
                const [moved] = next.splice(i, 1);
                next.splice(i + d, 0, moved!);
                setSteps(next);
              }}
            />
          </div>
        ))}
      </div>
      {props.readOnly ? null : (
        <label className="row small">
          Add a step
          <select
            value=""
            data-testid="add-step"
            onChange={(e) => {
              const spec = stepSpec(e.target.value);
              if (!spec) return;
              setSteps([...pipeline.steps, { fn: spec.fn, args: spec.params.filter((p) => !p.optional).map((p) => (isQuoted(p.type) ? quote(p.default) : p.default)) }]);
            }}
          >
            <option value="">choose…</option>
            {STEPS.map((s) => <option key={s.fn} value={s.fn}>{s.label}</option>)}
          </select>
        </label>
      )}
    </div>
  );
}
