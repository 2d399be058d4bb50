'use client';

import { useMemo, useState } from 'react';
import { expressionToPipeline, pipelineToExpression, type Diagnostic, type MappingVersionContent, type MarketCode, type SourceField } from '@megzo/mapping';
import { CodeEditor, type EditorMarker } from '@/editor';
import { addOverride, effectiveRule, removeOverride, setExpression, type MarketSel } from './content';
import { PipelineEditor } from './PipelineEditor';

type Props = {
  content: MappingVersionContent;
  market: MarketSel;
  target: string;
  readOnly: boolean;
  diagnostics: Diagnostic[];
  sourceFields: SourceField[];
  sample: Record<string, unknown> | null;
  onChange: (content: MappingVersionContent) => void;
};

/** One rule, edited visually (pipeline) or as code (Monaco), for all markets or one market. */
export function RuleEditor(props: Props) {
  const { content, market, target, readOnly } = props;
  const [mode, setMode] = useState<'visual' | 'code'>('visual');
  const { rule, isOverride } = effectiveRule(content, market, target);
  const expression = rule?.expression ?? '';
  const pipeline = useMemo(() => expressionToPipeline(expression), [expression]);
  const tables = Object.keys(content.lookups ?? {});
  const fieldPaths = useMemo(() => props.sourceFields.filter((f) => f.type !== 'object' && f.type !== 'list').map((f) => f.path), [props.sourceFields]);
  const ruleMarket: MarketCode | undefined = isOverride && market !== 'ALL' ? market : undefined;
  const markers: EditorMarker[] = props.diagnostics
    .filter((d) => d.target === target && (d.market ?? undefined) === ruleMarket)
    .map((d) => ({ message: d.message, line: d.startLine, column: d.startColumn, endLine: d.endLine, endColumn: d.endColumn, severity: d.severity }));
  const edit = (expr: string) => props.onChange(setExpression(content, market, target, expr));
  const effectiveMode = mode === 'visual' && !pipeline ? 'code' : mode;

  return (
    <section className="card stack" aria-labelledby="rule-title" data-testid="rule-editor" data-target={target} data-market={market}>
      <div className="row">
        <h2 id="rule-title" style={{ margin: 0 }}>
          <code>{target}</code>
        </h2>
        <span className="badge info" data-testid="rule-scope">{isOverride ? `${market} only` : market === 'ALL' ? 'All markets' : `All markets (used by ${market})`}</span>
        <span className="spacer" />
        <div className="tabs" role="tablist" aria-label="Editor" style={{ margin: 0, border: 0 }}>
          <button role="tab" aria-selected={effectiveMode === 'visual'} disabled={!pipeline} onClick={() => setMode('visual')} data-testid="mode-visual" title={pipeline ? undefined : 'This rule is a formula the visual editor cannot show; edit it as code.'}>
            Visual
          </button>
          <button role="tab" aria-selected={effectiveMode === 'code'} onClick={() => setMode('code')} data-testid="mode-code">
            Code
          </button>
        </div>
      </div>
      {rule?.note ? <p className="muted small" style={{ margin: 0 }}>{rule.note}</p> : null}
      {!readOnly && market !== 'ALL' ? (
        isOverride ? (
          <div className="alert info small row">
            This rule applies to {market} only.
            <span className="spacer" />
            <button type="button" onClick={() => props.onChange(removeOverride(content, market, target))} data-testid="remove-override">
              Use the all-markets rule again
            </button>
          </div>
        ) : (
          <div className="alert warn small row">
            This is the rule for every market: changing it here changes all markets.
            <span className="spacer" />
            <button type="button" className="primary" onClick={() => props.onChange(addOverride(content, market, target))} data-testid="make-override">
              Change for {market} only
            </button>
          </div>
        )
      ) : null}
      {!rule ? <p className="muted">No rule for this field yet.</p> : null}
      {rule && effectiveMode === 'visual' && pipeline ? (
        <PipelineEditor
          pipeline={pipeline}
          sourceFields={fieldPaths}
          tables={tables}
          readOnly={readOnly || (market !== 'ALL' && !isOverride)}
          onChange={(p) => edit(pipelineToExpression(p))}
        />
      ) : null}
      {rule && effectiveMode === 'code' ? (
        <>
          <CodeEditor
            key={`${market}:${target}:${isOverride}`}
            value={expression}
            onChange={edit}
            readOnly={readOnly || (market !== 'ALL' && !isOverride)}
            markers={markers}
            sampleRecord={props.sample}
            sourceFields={props.sourceFields}
            lookupTables={content.lookups ?? {}}
            height={160}
            ariaLabel={`Expression for ${target}`}
            testId="rule-code-editor"
          />
          <p className="muted small" style={{ margin: 0 }}>
            Type <code>$</code> for functions, or a field name. Hover a field to see its value on the selected sample. In the editor, press Ctrl+M then Tab to move focus out.
          </p>
        </>
      ) : null}
      {rule ? (
        <div className="small">
          <span className="muted">Expression: </span>
          <code data-testid="rule-expression">{expression}</code>
        </div>
      ) : null}
      {markers.length > 0 ? (
        <ul
          className={`alert ${markers.some((m) => m.severity === 'error') ? 'error' : 'warn'} small`}
          style={{ margin: 0, paddingLeft: 28 }}
          data-testid="rule-diagnostics"
          data-errors={markers.filter((m) => m.severity === 'error').length}
        >
          {markers.map((m, i) => (
            <li key={i}>
              <strong>{m.severity === 'error' ? 'Problem' : m.severity === 'warning' ? 'Check' : 'Note'}</strong> (line {m.line}, column {m.column}): {m.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
