// The protocol's types as the page uses them (type-only: nothing from the host is bundled into the page).
export type {
  AudioOptions,
  FinalAnswer,
  OptionValues,
  RequestMessage,
  StudioRequest,
  AudioTask,
  EditOptions,
  ErrorView,
  FileKind,
  FileView,
  HistoryItem,
  HostToWebview,
  KnownSpeakerClip,
  ImageOptions,
  ImageView,
  MaskPaint,
  MaskStroke,
  SpeechOptions,
  StudioCapabilities,
  StudioDefaults,
  StudioTab,
  TranscriptFileFormat,
  TranscriptView,
  WebviewToHost,
} from '../studio/protocol';
export type { ImageUsage as ImageUsageView, SpeechFormat, AudioResponseFormat } from '../core/types';
export type { EffectiveField, OperationView, OperationId } from '../core/catalog';
