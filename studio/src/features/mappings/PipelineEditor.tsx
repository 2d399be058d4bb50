'use client';

import { useId } from 'react';
import { PIPELINE_STEPS, type Pipeline, type PipelineArg, type PipelineStep, type StepArgSpec } from '@megzo/mapping';
import { HELP, argDisplay, argFromText, defaultArg, stepSpec } from './pipeline-args';

function StepEditor(props: { step: PipelineStep; index: number; tables: string[]; readOnly?: boolean; last: boolean; onChange: (s: PipelineStep) => void; onRemove: () => void; onMove: (d: -1 | 1) => void }) {
  const { step, index } = props;
  const spec = stepSpec(step.fn);
  const uid = useId();
  const argSpecs: StepArgSpec[] = spec?.args ?? step.args.map((_, i) => ({ name: `argument ${i + 1}`, kind: 'any' }));
  const setArg = (i: number, arg: PipelineArg | null) => {
    const args = [...step.args];
    if (arg === null) args.length = Math.min(args.length, i);
    else {
      while (args.length < i) args.push(defaultArg(argSpecs[args.length]!));
      args[i] = arg;
    }
    props.onChange({ ...step, args });
  };
  return (
    <div className="step" data-testid={`pipeline-step-${index}`} data-fn={step.fn} role="group" aria-label={`Step ${index + 1}: ${spec?.label ?? step.fn}`}>
      <div className="row" style={{ gap: 4 }}>
        <strong className="small">{index + 1}. {spec?.label ?? `$${step.fn}`}</strong>
        <span className="spacer" />
        {props.readOnly ? null : (
          <>
            <button type="button" className="link" aria-label={`Move step ${index + 1} earlier`} disabled={index === 0} onClick={() => props.onMove(-1)}>◀</button>
            <button type="button" className="link" aria-label={`Move step ${index + 1} later`} disabled={props.last} onClick={() => props.onMove(1)}>▶</button>
            <button type="button" className="link" aria-label={`Remove step ${index + 1}`} onClick={props.onRemove}>✕</button>
          </>
        )}
      </div>
      {argSpecs.map((a, i) => {
        const id = `${uid}-${i}`;
        const current = step.args[i];
        const value = argDisplay(current);
        const options = a.kind === 'table' ? props.tables : a.options;
        return (
          <label key={a.name} className="field small" htmlFor={id}>
            {a.name}
            {a.optional ? <span className="hint">optional</span> : null}
            {options?.length ? (
              <select
                id={id}
                value={current ? value : ''}
                disabled={props.readOnly}
                data-testid={`step-${index}-${a.name}`}
                onChange={(e) => setArg(i, e.target.value === '' ? (a.optional ? null : { kind: 'string', value: '' }) : { kind: 'string', value: e.target.value })}
              >
                {a.optional || !current ? <option value="">{a.optional ? 'default' : 'choose…'}</option> : null}
                {current && !options.includes(value) ? <option value={value}>{value}</option> : null}
                {options.map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            ) : (
              <input
                id={id}
                value={value}
                disabled={props.readOnly}
                data-testid={`step-${index}-${a.name}`}
                placeholder={a.optional ? 'default' : undefined}
                onChange={(e) => setArg(i, e.target.value === '' && a.optional ? null : argFromText(e.target.value, a, current))}
              />
            )}
          </label>
        );
      })}
      {HELP[step.fn] ? <span className="muted small">{HELP[step.fn]}</span> : null}
    </div>
  );
}

/** Pick a source field, then add, edit, reorder and remove steps. */
export function PipelineEditor(props: { pipeline: Pipeline; sourceFields: string[]; tables: string[]; readOnly?: boolean; onChange: (p: Pipeline) => void }) {
  const { pipeline, sourceFields } = props;
  const uid = useId();
  const sourceText = argDisplay(pipeline.source);
  const isField = pipeline.source.kind === 'field';
  const setSteps = (steps: PipelineStep[]) => props.onChange({ ...pipeline, steps });
  return (
    <div className="stack" data-testid="pipeline-editor">
      <div className="pipeline" aria-label="Pipeline">
        <div className="step" data-testid="pipeline-source">
          <strong className="small">Start from</strong>
          <label className="field small" htmlFor={`${uid}-src`}>
            Field of the source record
            <select
              id={`${uid}-src`}
              value={isField ? sourceText : '__value'}
              disabled={props.readOnly}
              data-testid="pipeline-source-field"
              onChange={(e) => props.onChange({ ...pipeline, source: e.target.value === '__value' ? { kind: 'string', value: '' } : { kind: 'field', path: e.target.value } })}
            >
              {isField && !sourceFields.includes(sourceText) ? <option value={sourceText}>{sourceText}</option> : null}
              {sourceFields.map((f) => <option key={f} value={f}>{f}</option>)}
              <option value="__value">A fixed value or variable…</option>
            </select>
          </label>
          {!isField ? (
            <label className="field small">
              Value
              <input value={sourceText} disabled={props.readOnly} onChange={(e) => props.onChange({ ...pipeline, source: argFromText(e.target.value, { name: 'value', kind: 'any' }) })} />
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
              if (spec) setSteps([...pipeline.steps, { fn: spec.fn, args: spec.args.filter((a) => !a.optional).map(defaultArg) }]);
            }}
          >
            <option value="">choose…</option>
            {PIPELINE_STEPS.map((s) => <option key={s.fn} value={s.fn}>{s.label}</option>)}
          </select>
        </label>
      )}
    </div>
  );
}
