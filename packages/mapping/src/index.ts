/**
 * @megzo/mapping — the expression language of MEGZO IV field mappings.
 * Isomorphic (no Node built-ins, no I/O). See README.md.
 */
export type {
  Diagnostic, EvalContext, EvalResult, FieldError, FieldType, FxRate, MappingVersionContent, MarketCode, Rule, Severity, TargetField,
} from './types.ts';
export { compileMapping, effectiveRules, type CompileOptions, type CompiledMapping } from './compile.ts';
export { evaluate, evaluateOrThrow } from './evaluate.ts';
export { validateMapping, isPublishable } from './validate.ts';
export { preview, impact, type PreviewRow, type ImpactReport, type MarketImpact, type MoneyImpact, type RecordImpact, type FieldChange } from './preview.ts';
export { hashContent, canonicalJson } from './hash.ts';
export { MappingCache } from './cache.ts';
export { MappingCompileError, MappingFunctionError, MappingRecordError, MappingStateError } from './errors.ts';
export {
  MappingVersionContentSchema, TargetFieldSchema, parseContent, newDraft, updateDraft, assertDeletable, publishVersion, rollbackTo, publishedVersion,
  type Mapping, type MappingVersion, type VersionStatus, type Transition,
} from './model.ts';
export { discoverSourceFields, CANONICAL_FIELDS, type SourceField } from './fields.ts';
export { DEFAULT_MAPPINGS, type DefaultMapping } from './defaults/index.ts';
export { assembleCdonArticle, CATALOG_PRICE_EXPRESSION, CATALOG_TITLE_EXPRESSION, type CdonArticle } from './defaults/catalog.ts';
export { LIBRARY, CONTEXT_VARIABLES, type FunctionDoc } from './functions/library.ts';
export {
  expressionToPipeline, pipelineToExpression, PIPELINE_STEPS, type Pipeline, type PipelineArg, type PipelineStep, type StepSpec, type StepArgSpec,
} from './editor/pipeline.ts';
export { MAPPING_LANGUAGE_ID, monarchLanguage, languageConfiguration } from './editor/monarch.ts';
export { completionsAt, hoverAt, toMonacoMarkers, type CompletionItem, type CompletionKind, type Hover, type MonacoMarker } from './editor/completion.ts';
export { evaluateMarkets, mapCdonArticle, type MarketContext, type MarketResults, type CdonArticleResult } from './markets.ts';
