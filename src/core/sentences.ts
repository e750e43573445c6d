// The core's user-facing sentences, each under an id with named arguments, written here once (English). How a
// message is made from an id and worded on each side is ./messages.ts; scripts/l10n-export.js puts every sentence
// here into l10n/bundle.l10n.json.

export const MESSAGES = {
  // validation.ts
  'validation.noDeployment': 'No deployment is set. Set {setting} to the name of a deployment on your resource.',
  'validation.deploymentName':
    'The deployment name "{name}" contains a space, slash or URL character. Set {setting} to the name shown in Azure AI Foundry → ' +
    'Deployments.',
  'validation.noModel': 'No model is set; set {setting} to the model behind your deployment, such as {models}.',
  'validation.modelCannot': '{model} cannot {verb}; use a deployment of {models}{where}.',
  'validation.empty': '{field} is empty; enter {what}.',
  'what.speechInput': 'the text to speak',
  'what.prompt': 'a prompt',
  'what.promptMax': 'a prompt (at most {max} characters for {model})',
  'validation.tooLong': '{field} is {length} characters long; shorten it to at most {max}.',
  'validation.forModel': ' for {model}',
  'validation.enum': '{field} "{value}" is not valid{narrowed}; use one of: {values}.',
  'validation.notList': '{field} must be a list of: {values}.',
  'validation.listItem': '{field} "{value}" is not valid{narrowed}; use any of: {values}.',
  'validation.range': '{field} must be {what} from {min} to {max}{narrowed} (got {got}).',
  'what.wholeNumber': 'a whole number',
  'what.number': 'a number',
  'validation.boolean': '{field} must be true or false.',
  'validation.size': '{field} "{value}" is not valid{narrowed}: {problem}.',
  'validation.text': '{field} must be text.',
  'validation.pattern': '{field} "{value}" does not fit; {label}: {description}',
  'validation.unsupported': '{reason}; clear {field}.',
  'validation.requires': '{field} needs {other} {wanted}; set {other} to {wanted} or clear {field}.',
  'validation.noFile': 'No {field} was given; choose a file.',
  'validation.unreadable': '{name} cannot be read; choose an existing file.',
  'validation.noData': '{name} has neither a path nor data; choose a file.',
  'validation.audioType': '{name} is not a supported audio type; convert it to one of: {types}.',
  'validation.audioEmpty': '{name} is empty; choose a recording.',
  'validation.audioTooLarge': '{name} is {size}; the service accepts audio up to {limit}. Compress it (e.g. to mp3) or split it.',
  'validation.noVoice': 'No voice was chosen; use one of: {voices}.',
  'validation.transparentJpeg': 'A transparent background needs output_format "png"; JPEG has no transparency.',
  'validation.noImage': 'No image was given; choose the image to edit.',
  'validation.tooManyImages': '{count} images were given; an edit takes at most {max}.',
  'validation.imageType': '{name} is not a PNG or JPEG image; convert it to PNG or JPEG.',
  'validation.imageTooLarge': '{name} is {size}; images must be under {max}. Resize or compress it.',
  'validation.maskType': 'The mask {name} must be a PNG (transparent where the image should change); save it as PNG.',
  'validation.maskTooLarge': 'The mask {name} is {size}; it must be under {max}.',
  'validation.maskSize': 'The mask is {maskSize} but the image is {imageSize}; make the mask the same size as the image.',
  // endpoint.ts
  'endpoint.missing': 'No endpoint is set. Set azureOpenAIMedia.endpoint to your resource, e.g. https://my-resource.openai.azure.com.',
  'endpoint.notUrl': 'azureOpenAIMedia.endpoint "{value}" is not a URL. Use the form https://my-resource.openai.azure.com.',
  'endpoint.credentials': 'azureOpenAIMedia.endpoint must not contain a user name or password; remove them from the URL.',
  'endpoint.https':
    'azureOpenAIMedia.endpoint must use https (http is allowed only for localhost); change "{protocol}//" to "https://".',
  // auth.ts
  'auth.keyUnreadable': 'The API key could not be read: {reason}. Set the API key again.',
  'auth.noKey': 'No API key is set for this endpoint. Set the API key, or switch azureOpenAIMedia.authentication to entraId.',
  'auth.noToken':
    'No Microsoft Entra ID token for {scope}: {reason}. Sign in again, or check azureOpenAIMedia.entra.tenantId and ' +
    'azureOpenAIMedia.entra.scope.',
  'auth.noTokenRefresh':
    'No Microsoft Entra ID token for {scope} (refresh after a 401): {reason}. Sign in again, or check azureOpenAIMedia.entra.tenantId ' +
    'and azureOpenAIMedia.entra.scope.',
  'auth.emptyToken':
    'The credential returned no Microsoft Entra ID token for {scope}. Sign in again, or check azureOpenAIMedia.entra.tenantId.',
  // http.ts, auth.ts, long/
  'cancelled.request': 'The request was cancelled.',
  'cancelled.operation': 'The operation was cancelled.',
  'http.timeout': 'No complete answer within {seconds} s; the request was stopped. Try again, or check the network.',
  'http.unreachable': 'Could not reach {host}: {reason}. Check azureOpenAIMedia.endpoint and your network.',
  'http.cutOff': 'The response was cut off: {reason}. Try again.',
  // responseErrors.ts
  'response.entraRefused':
    'The Microsoft Entra ID token was refused (401). Sign in again with an account of the resource\'s tenant ' +
    '(azureOpenAIMedia.entra.tenantId), or switch azureOpenAIMedia.authentication to apiKey.',
  'response.keyRefused':
    'The API key was refused (401). Set the key of this resource (Keys and Endpoint in the Azure portal), or check ' +
    'azureOpenAIMedia.endpoint.',
  'response.entraForbidden':
    'Access denied (403): the signed-in identity needs the "Cognitive Services OpenAI User" role on the resource, or sign in with ' +
    'azureOpenAIMedia.entra.tenantId set to its tenant.',
  'response.keyForbidden':
    'Access denied (403) for this API key: the resource may block key access or your network; check the key and the resource\'s ' +
    'networking.',
  'response.apiVersion':
    'The api-version "{version}" is not supported by this resource. Change azureOpenAIMedia.apiVersion (default {default}).',
  'response.theDeployment': 'the deployment',
  'response.deploymentNotFound':
    'The deployment {deployment} does not exist on this resource. Set {setting} to one of your deployment names (Azure AI Foundry → ' +
    'Deployments).',
  'response.v1NotFound':
    'Nothing was found at this address on the v1 route (404). Check azureOpenAIMedia.endpoint, or set azureOpenAIMedia.apiVersion back ' +
    'to {default} if this resource or gateway has no v1 API.',
  'response.notFound': 'Nothing was found at this address (404). Check azureOpenAIMedia.endpoint and {setting}.',
  'response.tooLarge':
    'The upload is too large for the service (413). Audio must be under 25 MB and images under 25 MB: compress or split the file.',
  'response.rateLimitedWait': 'Rate limited (429) on {deployment}. Try again in {seconds} s, or raise the deployment\'s quota.',
  'response.rateLimited': 'Rate limited (429) on {deployment}. Wait a minute and try again, or raise the deployment\'s quota.',
  'response.timeout': 'The service timed out (408). Try again.',
  'response.server': 'Azure OpenAI failed ({status}). Try again later.',
  'response.redirect':
    'The endpoint answered with a redirect ({status}), which is not followed while credentials are attached. Set ' +
    'azureOpenAIMedia.endpoint ' +
    'to the final address.',
  'response.unsupportedOperation':
    'The model behind {deployment} cannot do this operation. Set {setting} to a deployment of a model that can.',
  'response.rejected': 'The service rejected the request ({status}).',
  'response.rejectedAt': 'The service rejected the request ({status}) at "{param}".',
  'response.filterOutput': 'the generated output',
  'response.filterInput': 'the prompt or input',
  'response.contentFilter': 'Azure OpenAI\'s content filter blocked {what}. Rephrase the request.',
  'response.contentFilterCategories':
    'Azure OpenAI\'s content filter blocked {what} ({categories}). Rephrase the request to avoid those categories.',
  // client.ts
  'client.notAudio': 'The service answered with {contentType} instead of audio; nothing was saved. Try again.',
  'client.badUrl': 'The image URL is not a valid URL.',
  'client.httpsOnly': 'Only https image URLs are downloaded.',
  'client.urlExpired':
    'The image URL is no longer available ({status}); result URLs expire, so generate the image again or ask for b64_json.',
  'client.aFile': 'A file',
  'client.uploadOpen': '{name} could not be opened for upload: {reason}',
  'client.answerTooLarge': 'The answer is larger than {size}; it was not read.',
  'client.streamTooLarge': 'The service\'s stream sent a line over {size}; it was stopped and nothing was saved.',
  'client.transcriptTooLong':
    'The streamed transcript grew past {size}, more than any recording the service takes can produce; it was stopped and nothing ' +
    'was saved.',
  'client.tooManyImages': 'The service sent more than the {count} image(s) asked for; the answer was stopped and nothing was saved.',
  'client.tooManyPartialImages':
    'The service sent more than the {count} partial image(s) asked for; the answer was stopped and nothing was saved.',
  'client.malformedTranscript': 'The service sent malformed JSON for the transcript. Try again.',
  'client.malformedImages': 'The service sent malformed JSON for the images. Try again.',
  'client.expectedJson': 'Expected JSON for response_format {format} but got {contentType}.',
  'client.noContentType': 'no content type',
  'client.noText': 'The transcript had no text field.',
  'client.noImages': 'The service answered without images (no data array).',
  'client.streamMalformed': 'The image stream carried malformed data (it may have been cut off). Try again.',
  'client.streamEnded': 'The image stream ended before an image was completed. Try again.',
  'client.streamError': 'The service reported an error while streaming: {message}',
  'client.unknownError': 'unknown error',
  // speakers.ts, diarized transcripts
  'validation.textList': '{field} must be a list of text.',
  'validation.tooManyEntries': '{field} has {count} entries; {model} takes at most {max}.',
  'speakers.unpaired': '{names} known speaker names but {clips} reference clips; give one clip per name.',
  'speakers.tooMany': 'At most {max} known speakers can be given; {count} were chosen.',
  'speakers.noName': 'A known speaker has no name; give each reference clip a name.',
  'speakers.duplicate': 'The name "{name}" is given to two known speakers; names must differ.',
  'speakers.notDataUrl': 'The reference for "{name}" must be a base64 audio data URL (data:audio/…;base64,…).',
  'speakers.clipLength': 'The reference clip for "{name}" is {seconds} s long; it must be {min}–{max} s.',
  'speakers.unknown': 'This transcript has no speaker "{label}"; its speakers are {speakers}.',
  'speakers.renameEmpty': 'The new name for speaker {label} is empty; type a name.',
  'speakers.renameTooLong': 'A speaker\'s name can be at most {max} characters; shorten it.',
  'speakers.renameLine': 'A speaker\'s name must be one line of text without control characters.',
  'speakers.renameTaken': '"{name}" is already the name of speaker {label}; choose another name.',
  'speakers.clipSpan': 'The clip from {start} s to {end} s of {name} is not a span of time; give a start before the end, both 0 or more.',
  'speakers.clipFormat': 'A clip can be cut only from {formats} recordings, and {name} is neither; choose a 2–10 s clip file instead.',
  'speakers.clipUnreadable': '{name} {reason}; no clip can be cut from it. Choose a clip file instead.',
  'speakers.clipOutside': 'The clip from {start} s to {end} s lies outside {name}, which is {seconds} s long; choose a span inside it.',
  'speakers.clipTooLarge': 'The clip {name} is {size}; a reference clip is 2–10 s of audio. Choose a shorter file.',
  'speakers.clipNotRange': '{name} is not a range of a file on disk; no clip can be cut from it.',
  'speakers.clipFfmpeg': 'ffmpeg could not cut a clip from {name}: {reason}.',
  'client.transcriptStreamMalformed': 'The transcript stream carried malformed data (it may have been cut off). Try again.',
  'client.transcriptStreamEnded': 'The transcript stream ended before the transcript was done. Try again.',
  // long/
  'long.notLocal':
    '{name} is over the service\'s {limit} limit and is not on this machine\'s disk, so it cannot be split here. Copy it into a local ' +
    'folder, or compress it (e.g. to MP3), and try again.',
  'long.noFfmpeg':
    '{name} is over the service\'s {limit} limit. WAV and MP3 files are split automatically; for .{ext} files install ffmpeg and put it ' +
    'on the PATH (then run this again), or convert the file to MP3.',
  'long.ffmpegUntrusted':
    '{name} is over the service\'s limit and only ffmpeg can split .{ext} files; ffmpeg is not run in Restricted Mode. Trust the ' +
    'workspace, or convert the file to MP3.',
  'long.badWav': '{name} {reason}; it cannot be split. Convert it to MP3 or a plain PCM WAV.',
  'long.badMp3': '{name} {reason}; it cannot be split. Check that it is an MP3 file.',
  'long.unsplittable': '{name} {reason}; it cannot be split.',
  'long.ffmpegFailed': '{name}: {reason}. Convert it to MP3 and try again.',
  'long.partAudio': 'Part {index} of {count} ({range})',
  'long.partText': 'Part {index} of {count} ("{start}…")',
  'long.partFailed': '{part} failed: {reason} Nothing was written.',
  'long.progressFile': '{name}: part {index} of {count}',
  'long.progressDone': '{name}: {done} of {count} parts done',
  'long.progressLeft': '{name}: {done} of {count} parts done, about {left} left',
  'long.progressMerging': '{name}: all {count} parts done, merging',
  'long.seconds': '{n} s',
  'long.minutes': '{n} min',
  'long.progress': 'part {index} of {count}',
  // catalog/index.ts: why a model does not take an option, checkSize's sentences, retirement notices
  'catalog.notServed': '{model} does not serve this operation',
  'catalog.noOption': '{model} has no {wire} option',
  'catalog.noOptionTakers': '{model} has no {wire} option (it is for {models})',
  'catalog.needsV1': '{wire} needs the v1 API (set azureOpenAIMedia.apiVersion to "v1")',
  'size.noAuto': 'auto is not a size this model takes',
  'size.oneOf': 'use one of: {values}',
  'size.form': 'a size is "auto" or WIDTHxHEIGHT in pixels, such as 1024x1024',
  'size.notText': 'a size is text',
  'size.multiple': 'both edges must be multiples of {multiple}; try {suggestion}',
  'size.maxEdge': 'the longest edge may be at most {max} pixels',
  'size.ratio': 'the long edge may be at most {ratio} times the short one ({ratio}:1)',
  'size.pixels': '{size} is {pixels} pixels; the size must have {min} to {max} pixels in all',
  'lifecycle.retired': '{model} was retired on Azure on {date}; deploy {replacement} instead.',
  'lifecycle.retiredNoSuccessor': '{model} was retired on Azure on {date}; Azure names no successor yet.',
  'lifecycle.retiring': '{model} retires on Azure on {date}; deploy {replacement} instead.',
  'lifecycle.retiringNoSuccessor': '{model} retires on Azure on {date}; Azure names no successor yet.',
  // long/: why a recording cannot be split (after "{name}") or its parts joined
  'wav.notRiff': 'is not a RIFF/WAVE file',
  'wav.badChunk': 'has a malformed chunk before its data',
  'wav.badFmt': 'has a malformed fmt chunk',
  'wav.dataFirst': 'has its data before its fmt chunk',
  'wav.noData': 'has no data chunk',
  'wav.noFmt': 'has no usable fmt chunk before its data',
  'wav.zeroLayout': 'has a zero block size, byte rate or channel count',
  'wav.badLayout': 'has a header whose channels, sample size, sample rate, block size and byte rate do not agree',
  'wav.tooManyChunks': 'has more than {max} chunks before its data',
  'wav.partsTooSmall': 'cannot be split into parts of at most {bytes} bytes',
  'mp3.noFrames': 'has no MPEG audio frames',
  'join.badPart': 'Part {index} {reason}',
  'join.wavFormat': 'Part {index} has a different sample format than part 1; the parts cannot be joined.',
  'join.mp3NoFrames': 'Part {index} holds no MPEG audio frames; the parts cannot be joined.',
  'join.flacAsWav': 'FLAC parts cannot be joined without re-encoding, so the {count} parts were made as WAV and joined into one ' +
    'lossless WAV file.',
  'join.notOgg': 'Part {index} is not an Ogg stream; the parts cannot be joined.',
  'ffmpeg.noDuration': 'ffmpeg could not read the file\'s duration: {detail}',
  'ffmpeg.cutFailed': 'ffmpeg could not cut the file: {detail}',
  'ffmpeg.exitCode': 'exit code {code}',
  'ffmpeg.partsTooLarge': 'ffmpeg could not cut the file into parts small enough',
  // responseErrors.ts: the content filter's categories (their names in Azure's answers after "category.")
  'category.hate': 'hate',
  'category.sexual': 'sexual',
  'category.violence': 'violence',
  'category.self_harm': 'self-harm',
  'category.jailbreak': 'jailbreak',
  'category.indirect_attack': 'indirect attack',
  'category.profanity': 'profanity',
  'category.protected_material_text': 'protected text',
  'category.protected_material_code': 'protected code',
  'category.custom_blocklists': 'custom blocklist',
  // multipart.ts, naming.ts
  'upload.stopped': 'The upload was stopped.',
  'upload.shrank': '{name} became shorter while it was being uploaded.',
  'naming.noFreeName': 'No free file name like {name} after {limit} tries.',
  // protect/
  'protect.unreadable': '{name} could not be read as a PNG or JPEG image ({reason}).',
  'protect.tooLarge': '{name} is {width}×{height}; the protected area is compared on images up to {max} megapixels.',
  // engine/: a run's outputs, known speakers from the settings, why a run has no estimate
  'engine.noImage': 'The service returned no image.',
  'engine.speakerUnreadable':
    'The known speaker "{name}" refers to {path}, which cannot be read. Fix azureOpenAIMedia.transcription.knownSpeakers.',
  'engine.speakerNotAudio':
    'The known speaker "{name}" refers to {path}, which is not an audio file ({types}). Fix azureOpenAIMedia.transcription.knownSpeakers.',
  'engine.speakerTooLarge':
    'The known speaker "{name}" refers to {path}, which is over {max}; a reference clip is 2–10 s. Fix ' +
    'azureOpenAIMedia.transcription.knownSpeakers.',
  'engine.speakersFix': '{problem} Fix azureOpenAIMedia.transcription.knownSpeakers.',
  'engine.outsideRoot': '{setting} "{value}" must be a relative path inside the workspace.',
  'estimate.noPrice': 'No list price for the model {model}.',
  'estimate.noPriceOptions': 'No list price for {model} with these options.',
  'estimate.afterRun': 'The actual cost shows after the run.',
  'estimate.addPrice': 'You can add a price in azureOpenAIMedia.cost.prices.',
  'estimate.why': '{first} {then}',
  // discovery (core/discovery)
  'discovery.noSubscriptions':
    'The account you signed in with sees no Azure subscription. Sign in with the account of your Azure OpenAI ' +
      'resource, or enter the endpoint and a key instead.',
  'discovery.noResources':
    'No Azure OpenAI or AI Services resource was found in {count} subscriptions. Create one in the Azure portal, ' +
      'or enter the endpoint and a key instead.',
  'discovery.forbidden':
    'You may not {action} on {scope}: ask an owner for the {role} role there, or enter the endpoint and a key instead.',
  'discovery.tenantSignIn':
    'Directory {tenant} needs a sign-in of its own: set azureOpenAIMedia.entra.tenantId to {tenant} and sign in ' +
      'again to see its subscriptions.',
  'discovery.localAuthDisabled':
    'Keys are disabled on {account} (disableLocalAuth); sign in with Microsoft Entra ID instead.',
  'discovery.throttled':
    'Azure Resource Manager is throttling requests; try again in {seconds} seconds.',
  'discovery.unauthorized':
    'Azure refused the sign-in ({code}); sign in again, or enter the endpoint and a key instead.',
  'discovery.emptyResource':
    '{account} has no deployments yet; deploy a model in Azure AI Foundry first.',
  'discovery.badAnswer':
    'Azure sent an answer that could not be read ({what}); try again.',
  'discovery.failed':
    'Discovery failed: {reason}',
  'discovery.gateway':
    'Discovery is skipped: {host} is not an Azure OpenAI host (an API gateway?), so its deployments are entered by hand.',
  'discovery.noCloud':
    'Discovery is skipped: azureOpenAIMedia.cloud is custom but no Resource Manager address is set; set ' +
      'azureOpenAIMedia.management.endpoint.',
  'discovery.refusedField':
    'Deployment {deployment} refused {field}; it is left out of its requests from now on.',
  'lifecycle.fromRegion':
    'Azure\'s model catalog for {location}, read {date}',
  'lifecycle.fromDataPlane':
    'the resource\'s models list, read {date}',
  'lifecycle.fromTable':
    'the built-in table (checked {date}), since Azure\'s own lifecycles were not read',
  'lifecycle.fromTableUnlisted':
    'the built-in table (checked {date}), since Azure\'s list does not name this model and version',
  'lifecycle.sourced': '{notice} Source: {source}.',
} as const satisfies Record<string, string>;
