// Azure OpenAI's error wire shapes, as the real service sends them (see API-RESEARCH.md §4).

/** An HTTP answer the emulator gives instead of a result. */
export class EmulatorHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly errorCode: string | undefined,
    readonly headers: Record<string, string> = {},
  ) {
    super(errorCode ?? String(status));
  }
}

/** `{error:{code,message,param,type}}`: the shape of request validation errors. */
export function invalidRequest(code: string, message: string, param: string | null = null, status = 400): EmulatorHttpError {
  return new EmulatorHttpError(status, { error: { code, message, param, type: 'invalid_request_error' } }, code);
}

export function missingParameter(param: string): EmulatorHttpError {
  return invalidRequest('missing_required_parameter', `Missing required parameter: '${param}'.`, param);
}

export function unknownParameter(param: string): EmulatorHttpError {
  return invalidRequest('unknown_parameter', `Unrecognized request argument supplied: ${param}`, param);
}

export function invalidValue(param: string, message: string): EmulatorHttpError {
  return invalidRequest('invalid_value', message, param);
}

export function invalidType(param: string, expected: string): EmulatorHttpError {
  return invalidRequest('invalid_type', `Invalid type for '${param}': expected ${expected}.`, param);
}

/** The gateway's 401 for a wrong or missing key. */
export function keyUnauthorized(): EmulatorHttpError {
  return new EmulatorHttpError(
    401,
    {
      error: {
        code: '401',
        message:
          'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active ' +
            'subscription and use a correct regional API endpoint for your resource.',
      },
    },
    '401',
  );
}

/** The gateway's 401 for a bad, expired or foreign-audience bearer token. */
export function tokenUnauthorized(): EmulatorHttpError {
  return new EmulatorHttpError(
    401,
    {
      error: {
        code: 'PermissionDenied',
        message:
          'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.',
      },
    },
    'PermissionDenied',
  );
}

/** 403 for a key: the resource refuses this network or key-based access. */
export function keyForbidden(): EmulatorHttpError {
  return new EmulatorHttpError(
    403,
    { error: { code: '403', message: 'Traffic is not from an approved private endpoint.' } },
    '403',
  );
}

/** 403 for a token: the identity lacks a data-plane role on the resource. */
export function tokenForbidden(): EmulatorHttpError {
  return new EmulatorHttpError(
    403,
    {
      error: {
        code: 'PermissionDenied',
        message:
          'The principal `00000000-0000-0000-0000-000000000000` lacks the required data action ' +
            '`Microsoft.CognitiveServices/accounts/OpenAI/deployments/audio/action` to perform `POST ' +
              '/openai/deployments/{deployment-id}/audio/transcriptions` operation.',
      },
    },
    'PermissionDenied',
  );
}

export function resourceNotFound(): EmulatorHttpError {
  return new EmulatorHttpError(404, { error: { code: '404', message: 'Resource not found' } }, '404');
}

export function apiVersionNotSupported(): EmulatorHttpError {
  return new EmulatorHttpError(400, { error: { code: 'BadRequest', message: 'API version not supported' } }, 'BadRequest');
}

/** The v1 path with a dated api-version (reported by users, e.g. pydantic/pydantic-ai#5066): only `preview` is taken. */
export function v1ApiVersionNotAllowed(): EmulatorHttpError {
  return new EmulatorHttpError(
    400,
    { error: { code: 'BadRequest', message: 'api-version query parameter is not allowed when using /v1 path' } },
    'BadRequest',
  );
}

/** The v1 path without a `model` in the body: nothing names the deployment. */
export function noModelName(): EmulatorHttpError {
  const message =
    'No model specified in request. Please provide a model name in the request body or as a x-ms-model-mesh-model-name header.';
  return new EmulatorHttpError(400, { error: { code: 'no_model_name', message, details: message } }, 'no_model_name');
}

export function deploymentNotFound(): EmulatorHttpError {
  return new EmulatorHttpError(
    404,
    {
      error: {
        code: 'DeploymentNotFound',
        message:
          'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a ' +
            'moment and try again.',
      },
    },
    'DeploymentNotFound',
  );
}

export function operationNotSupported(operationName: string, model: string): EmulatorHttpError {
  return new EmulatorHttpError(
    400,
    {
      error: {
        code: 'OperationNotSupported',
        message: `The ${operationName} operation does not work with the specified model, ${model}. Please choose different model and try ` +
          `again. You can learn more about which models can be used with each operation here: ` +
            `https://go.microsoft.com/fwlink/?linkid=2197993.`,
      },
    },
    'OperationNotSupported',
  );
}

export function modelNeedsNewerApiVersion(model: string, minVersion: string): EmulatorHttpError {
  return new EmulatorHttpError(
    400,
    { error: { code: 'BadRequest', message: `Model ${model} is enabled only for api versions ${minVersion} and later` } },
    'BadRequest',
  );
}

export function tooLarge(limit: number, read: number): EmulatorHttpError {
  return new EmulatorHttpError(
    413,
    {
      error: {
        code: 'RequestEntityTooLarge',
        message: `Maximum content size limit (${limit}) exceeded (${read} bytes read)`,
        param: 'file',
        type: 'invalid_request_error',
      },
    },
    'RequestEntityTooLarge',
  );
}

export type FilterCategory = 'hate' | 'sexual' | 'violence' | 'self_harm';

function severityResults(tripped: FilterCategory): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of ['hate', 'sexual', 'violence', 'self_harm'] as FilterCategory[]) {
    out[c] = c === tripped ? { filtered: true, severity: 'high' } : { filtered: false, severity: 'safe' };
  }
  return out;
}

/** Chat-style refusal: `innererror.content_filter_result` (singular), as the wire shows it. */
export function contentFilterChatStyle(param = 'prompt', tripped: FilterCategory = 'violence'): EmulatorHttpError {
  return new EmulatorHttpError(
    400,
    {
      error: {
        message:
          "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt " +
            "and retry. To learn more about our content filtering policies please read our documentation: " +
              "https://go.microsoft.com/fwlink/?linkid=2198766",
        type: null,
        param,
        code: 'content_filter',
        status: 400,
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_result: {
            ...severityResults(tripped),
            jailbreak: { filtered: false, detected: false },
            profanity: { filtered: false, detected: false },
          },
        },
      },
    },
    'content_filter',
  );
}

/** Image refusal: `code: contentFilter`, with the spec's `inner_error` detail. */
export function contentFilterImageStyle(tripped: FilterCategory = 'violence'): EmulatorHttpError {
  return new EmulatorHttpError(
    400,
    {
      created: Math.floor(Date.now() / 1000),
      error: {
        code: 'contentFilter',
        message: 'Your task failed as a result of our safety system.',
        param: null,
        type: null,
        inner_error: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_results: {
            ...severityResults(tripped),
            jailbreak: { filtered: false, detected: false },
            profanity: { filtered: false, detected: false },
          },
        },
      },
    },
    'contentFilter',
  );
}

export function safeFilterResults(): Record<string, unknown> {
  return {
    hate: { filtered: false, severity: 'safe' },
    sexual: { filtered: false, severity: 'safe' },
    violence: { filtered: false, severity: 'safe' },
    self_harm: { filtered: false, severity: 'safe' },
  };
}
