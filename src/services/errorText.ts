import * as vscode from 'vscode';
import { MediaApiError } from '../core/errors';
import { categoryArg, isMessage, isTerm, WordedError, type Message, type MessageArg, type MessageId } from '../core/messages';

type Args = Record<string, string>;

/**
 * The core's sentences (src/core/messages.ts) in the display language. Each is a literal vscode.l10n.t call so that
 * `npm run l10n` exports it to l10n/bundle.l10n.json; test/unit/errorText.test.ts holds this table's English against
 * the core's, so the two cannot drift.
 */
export const ERROR_TEXT: { readonly [K in MessageId]: (a: Args) => string } = {
  'validation.noDeployment': (a) => vscode.l10n.t('No deployment is set. Set {setting} to the name of a deployment on your resource.', a),
  'validation.deploymentName': (a) =>
    vscode.l10n.t('The deployment name "{name}" contains a space, slash or URL character. Set {setting} to the name shown in Azure AI Foundry → Deployments.', a),
  'validation.noModel': (a) => vscode.l10n.t('No model is set; set {setting} to the model behind your deployment, such as {models}.', a),
  'validation.modelCannot': (a) => vscode.l10n.t('{model} cannot {verb}; use a deployment of {models}{where}.', a),
  'verb.transcription': () => vscode.l10n.t('transcribe audio'),
  'verb.translation': () => vscode.l10n.t('translate audio'),
  'verb.speech': () => vscode.l10n.t('speak text'),
  'verb.imageGeneration': () => vscode.l10n.t('generate images'),
  'verb.imageEdit': () => vscode.l10n.t('edit images'),
  'validation.empty': (a) => vscode.l10n.t('{field} is empty; enter {what}.', a),
  'what.speechInput': () => vscode.l10n.t('the text to speak'),
  'what.prompt': () => vscode.l10n.t('a prompt'),
  'what.promptMax': (a) => vscode.l10n.t('a prompt (at most {max} characters for {model})', a),
  'validation.tooLong': (a) => vscode.l10n.t('{field} is {length} characters long; shorten it to at most {max}.', a),
  'validation.forModel': (a) => vscode.l10n.t(' for {model}', a),
  'validation.enum': (a) => vscode.l10n.t('{field} "{value}" is not valid{narrowed}; use one of: {values}.', a),
  'validation.notList': (a) => vscode.l10n.t('{field} must be a list of: {values}.', a),
  'validation.listItem': (a) => vscode.l10n.t('{field} "{value}" is not valid{narrowed}; use any of: {values}.', a),
  'validation.range': (a) => vscode.l10n.t('{field} must be {what} from {min} to {max}{narrowed} (got {got}).', a),
  'what.wholeNumber': () => vscode.l10n.t('a whole number'),
  'what.number': () => vscode.l10n.t('a number'),
  'validation.boolean': (a) => vscode.l10n.t('{field} must be true or false.', a),
  'validation.size': (a) => vscode.l10n.t('{field} "{value}" is not valid{narrowed}: {problem}.', a),
  'validation.text': (a) => vscode.l10n.t('{field} must be text.', a),
  'validation.pattern': (a) => vscode.l10n.t('{field} "{value}" does not fit; {label}: {description}', a),
  'validation.unsupported': (a) => vscode.l10n.t('{reason}; clear {field}.', a),
  'validation.requires': (a) => vscode.l10n.t('{field} needs {other} {wanted}; set {other} to {wanted} or clear {field}.', a),
  'validation.noFile': (a) => vscode.l10n.t('No {field} was given; choose a file.', a),
  'validation.unreadable': (a) => vscode.l10n.t('{name} cannot be read; choose an existing file.', a),
  'validation.noData': (a) => vscode.l10n.t('{name} has neither a path nor data; choose a file.', a),
  'validation.audioType': (a) => vscode.l10n.t('{name} is not a supported audio type; convert it to one of: {types}.', a),
  'validation.audioEmpty': (a) => vscode.l10n.t('{name} is empty; choose a recording.', a),
  'validation.audioTooLarge': (a) =>
    vscode.l10n.t('{name} is {size}; the service accepts audio up to {limit}. Compress it (e.g. to mp3) or split it.', a),
  'validation.noVoice': (a) => vscode.l10n.t('No voice was chosen; use one of: {voices}.', a),
  'validation.transparentJpeg': () => vscode.l10n.t('A transparent background needs output_format "png"; JPEG has no transparency.'),
  'validation.noImage': () => vscode.l10n.t('No image was given; choose the image to edit.'),
  'validation.tooManyImages': (a) => vscode.l10n.t('{count} images were given; an edit takes at most {max}.', a),
  'validation.imageType': (a) => vscode.l10n.t('{name} is not a PNG or JPEG image; convert it to PNG or JPEG.', a),
  'validation.imageTooLarge': (a) => vscode.l10n.t('{name} is {size}; images must be under {max}. Resize or compress it.', a),
  'validation.maskType': (a) =>
    vscode.l10n.t('The mask {name} must be a PNG (transparent where the image should change); save it as PNG.', a),
  'validation.maskTooLarge': (a) => vscode.l10n.t('The mask {name} is {size}; it must be under {max}.', a),
  'validation.maskSize': (a) =>
    vscode.l10n.t('The mask is {maskSize} but the image is {imageSize}; make the mask the same size as the image.', a),
  'endpoint.missing': () =>
    vscode.l10n.t('No endpoint is set. Set azureOpenAIMedia.endpoint to your resource, e.g. https://my-resource.openai.azure.com.'),
  'endpoint.notUrl': (a) =>
    vscode.l10n.t('azureOpenAIMedia.endpoint "{value}" is not a URL. Use the form https://my-resource.openai.azure.com.', a),
  'endpoint.credentials': () =>
    vscode.l10n.t('azureOpenAIMedia.endpoint must not contain a user name or password; remove them from the URL.'),
  'endpoint.https': (a) =>
    vscode.l10n.t('azureOpenAIMedia.endpoint must use https (http is allowed only for localhost); change "{protocol}//" to "https://".', a),
  'auth.keyUnreadable': (a) => vscode.l10n.t('The API key could not be read: {reason}. Set the API key again.', a),
  'auth.noKey': () =>
    vscode.l10n.t('No API key is set for this endpoint. Set the API key, or switch azureOpenAIMedia.authentication to entraId.'),
  'auth.noToken': (a) =>
    vscode.l10n.t('No Microsoft Entra ID token for {scope}: {reason}. Sign in again, or check azureOpenAIMedia.entra.tenantId and azureOpenAIMedia.entra.scope.', a),
  'auth.noTokenRefresh': (a) =>
    vscode.l10n.t('No Microsoft Entra ID token for {scope} (refresh after a 401): {reason}. Sign in again, or check azureOpenAIMedia.entra.tenantId and azureOpenAIMedia.entra.scope.', a),
  'auth.emptyToken': (a) =>
    vscode.l10n.t('The credential returned no Microsoft Entra ID token for {scope}. Sign in again, or check azureOpenAIMedia.entra.tenantId.', a),
  'cancelled.request': () => vscode.l10n.t('The request was cancelled.'),
  'cancelled.operation': () => vscode.l10n.t('The operation was cancelled.'),
  'http.timeout': (a) =>
    vscode.l10n.t('No complete answer within {seconds} s; the request was stopped. Try again, or check the network.', a),
  'http.unreachable': (a) => vscode.l10n.t('Could not reach {host}: {reason}. Check azureOpenAIMedia.endpoint and your network.', a),
  'http.cutOff': (a) => vscode.l10n.t('The response was cut off: {reason}. Try again.', a),
  'response.entraRefused': () =>
    vscode.l10n.t('The Microsoft Entra ID token was refused (401). Sign in again with an account of the resource\'s tenant (azureOpenAIMedia.entra.tenantId), or switch azureOpenAIMedia.authentication to apiKey.'),
  'response.keyRefused': () =>
    vscode.l10n.t('The API key was refused (401). Set the key of this resource (Keys and Endpoint in the Azure portal), or check azureOpenAIMedia.endpoint.'),
  'response.entraForbidden': () =>
    vscode.l10n.t('Access denied (403): the signed-in identity needs the "Cognitive Services OpenAI User" role on the resource, or sign in with azureOpenAIMedia.entra.tenantId set to its tenant.'),
  'response.keyForbidden': () =>
    vscode.l10n.t('Access denied (403) for this API key: the resource may block key access or your network; check the key and the resource\'s networking.'),
  'response.apiVersion': (a) =>
    vscode.l10n.t('The api-version "{version}" is not supported by this resource. Change azureOpenAIMedia.apiVersion (default {default}).', a),
  'response.theDeployment': () => vscode.l10n.t('the deployment'),
  'response.deploymentNotFound': (a) =>
    vscode.l10n.t('The deployment {deployment} does not exist on this resource. Set {setting} to one of your deployment names (Azure AI Foundry → Deployments).', a),
  'response.v1NotFound': (a) =>
    vscode.l10n.t('Nothing was found at this address on the v1 route (404). Check azureOpenAIMedia.endpoint, or set azureOpenAIMedia.apiVersion back to {default} if this resource or gateway has no v1 API.', a),
  'response.notFound': (a) => vscode.l10n.t('Nothing was found at this address (404). Check azureOpenAIMedia.endpoint and {setting}.', a),
  'response.tooLarge': () =>
    vscode.l10n.t('The upload is too large for the service (413). Audio must be under 25 MB and images under 25 MB: compress or split the file.'),
  'response.rateLimitedWait': (a) =>
    vscode.l10n.t('Rate limited (429) on {deployment}. Try again in {seconds} s, or raise the deployment\'s quota.', a),
  'response.rateLimited': (a) =>
    vscode.l10n.t('Rate limited (429) on {deployment}. Wait a minute and try again, or raise the deployment\'s quota.', a),
  'response.timeout': () => vscode.l10n.t('The service timed out (408). Try again.'),
  'response.server': (a) => vscode.l10n.t('Azure OpenAI failed ({status}). Try again later.', a),
  'response.redirect': (a) =>
    vscode.l10n.t('The endpoint answered with a redirect ({status}), which is not followed while credentials are attached. Set azureOpenAIMedia.endpoint to the final address.', a),
  'response.unsupportedOperation': (a) =>
    vscode.l10n.t('The model behind {deployment} cannot do this operation. Set {setting} to a deployment of a model that can.', a),
  'response.rejected': (a) => vscode.l10n.t('The service rejected the request ({status}).', a),
  'response.rejectedAt': (a) => vscode.l10n.t('The service rejected the request ({status}) at "{param}".', a),
  'response.filterOutput': () => vscode.l10n.t('the generated output'),
  'response.filterInput': () => vscode.l10n.t('the prompt or input'),
  'response.contentFilter': (a) => vscode.l10n.t('Azure OpenAI\'s content filter blocked {what}. Rephrase the request.', a),
  'response.contentFilterCategories': (a) =>
    vscode.l10n.t('Azure OpenAI\'s content filter blocked {what} ({categories}). Rephrase the request to avoid those categories.', a),
  'client.notAudio': (a) => vscode.l10n.t('The service answered with {contentType} instead of audio; nothing was saved. Try again.', a),
  'client.badUrl': () => vscode.l10n.t('The image URL is not a valid URL.'),
  'client.httpsOnly': () => vscode.l10n.t('Only https image URLs are downloaded.'),
  'client.urlExpired': (a) =>
    vscode.l10n.t('The image URL is no longer available ({status}); result URLs expire, so generate the image again or ask for b64_json.', a),
  'client.aFile': () => vscode.l10n.t('A file'),
  'client.uploadOpen': (a) => vscode.l10n.t('{name} could not be opened for upload: {reason}', a),
  'client.answerTooLarge': (a) => vscode.l10n.t('The answer is larger than {size}; it was not read.', a),
  'client.malformedTranscript': () => vscode.l10n.t('The service sent malformed JSON for the transcript. Try again.'),
  'client.malformedImages': () => vscode.l10n.t('The service sent malformed JSON for the images. Try again.'),
  'client.expectedJson': (a) => vscode.l10n.t('Expected JSON for response_format {format} but got {contentType}.', a),
  'client.noContentType': () => vscode.l10n.t('no content type'),
  'client.noText': () => vscode.l10n.t('The transcript had no text field.'),
  'client.noImages': () => vscode.l10n.t('The service answered without images (no data array).'),
  'client.streamMalformed': () => vscode.l10n.t('The image stream carried malformed data (it may have been cut off). Try again.'),
  'client.streamEnded': () => vscode.l10n.t('The image stream ended before an image was completed. Try again.'),
  'client.streamError': (a) => vscode.l10n.t('The service reported an error while streaming: {message}', a),
  'client.unknownError': () => vscode.l10n.t('unknown error'),
  'validation.textList': (a) => vscode.l10n.t('{field} must be a list of text.', a),
  'validation.tooManyEntries': (a) => vscode.l10n.t('{field} has {count} entries; {model} takes at most {max}.', a),
  'speakers.unpaired': (a) => vscode.l10n.t('{names} known speaker names but {clips} reference clips; give one clip per name.', a),
  'speakers.tooMany': (a) => vscode.l10n.t('At most {max} known speakers can be given; {count} were chosen.', a),
  'speakers.noName': () => vscode.l10n.t('A known speaker has no name; give each reference clip a name.'),
  'speakers.duplicate': (a) => vscode.l10n.t('The name "{name}" is given to two known speakers; names must differ.', a),
  'speakers.notDataUrl': (a) => vscode.l10n.t('The reference for "{name}" must be a base64 audio data URL (data:audio/…;base64,…).', a),
  'speakers.clipLength': (a) => vscode.l10n.t('The reference clip for "{name}" is {seconds} s long; it must be {min}–{max} s.', a),
  'speakers.unknown': (a) => vscode.l10n.t('This transcript has no speaker "{label}"; its speakers are {speakers}.', a),
  'speakers.renameEmpty': (a) => vscode.l10n.t('The new name for speaker {label} is empty; type a name.', a),
  'speakers.renameTooLong': (a) => vscode.l10n.t('A speaker\'s name can be at most {max} characters; shorten it.', a),
  'speakers.renameLine': () => vscode.l10n.t('A speaker\'s name must be one line of text without control characters.'),
  'speakers.renameTaken': (a) => vscode.l10n.t('"{name}" is already the name of speaker {label}; choose another name.', a),
  'speakers.clipSpan': (a) =>
    vscode.l10n.t('The clip from {start} s to {end} s of {name} is not a span of time; give a start before the end, both 0 or more.', a),
  'speakers.clipFormat': (a) =>
    vscode.l10n.t('A clip can be cut only from {formats} recordings, and {name} is neither; choose a 2–10 s clip file instead.', a),
  'speakers.clipUnreadable': (a) => vscode.l10n.t('{name} {reason}; no clip can be cut from it. Choose a clip file instead.', a),
  'speakers.clipOutside': (a) =>
    vscode.l10n.t('The clip from {start} s to {end} s lies outside {name}, which is {seconds} s long; choose a span inside it.', a),
  'speakers.clipTooLarge': (a) =>
    vscode.l10n.t('The clip {name} is {size}; a reference clip is 2–10 s of audio. Choose a shorter file.', a),
  'speakers.clipNotRange': (a) => vscode.l10n.t('{name} is not a range of a file on disk; no clip can be cut from it.', a),
  'speakers.clipFfmpeg': (a) => vscode.l10n.t('ffmpeg could not cut a clip from {name}: {reason}.', a),
  'client.transcriptStreamMalformed': () =>
    vscode.l10n.t('The transcript stream carried malformed data (it may have been cut off). Try again.'),
  'client.transcriptStreamEnded': () => vscode.l10n.t('The transcript stream ended before the transcript was done. Try again.'),
  'long.notLocal': (a) =>
    vscode.l10n.t('{name} is over the service\'s {limit} limit and is not on this machine\'s disk, so it cannot be split here. Copy it into a local folder, or compress it (e.g. to MP3), and try again.', a),
  'long.noFfmpeg': (a) =>
    vscode.l10n.t('{name} is over the service\'s {limit} limit. WAV and MP3 files are split automatically; for .{ext} files install ffmpeg and put it on the PATH (then run this again), or convert the file to MP3.', a),
  'long.badWav': (a) => vscode.l10n.t('{name} {reason}; it cannot be split. Convert it to MP3 or a plain PCM WAV.', a),
  'long.badMp3': (a) => vscode.l10n.t('{name} {reason}; it cannot be split. Check that it is an MP3 file.', a),
  'long.unsplittable': (a) => vscode.l10n.t('{name} {reason}; it cannot be split.', a),
  'long.ffmpegFailed': (a) => vscode.l10n.t('{name}: {reason}. Convert it to MP3 and try again.', a),
  'long.partAudio': (a) => vscode.l10n.t('Part {index} of {count} ({range})', a),
  'long.partText': (a) => vscode.l10n.t('Part {index} of {count} ("{start}…")', a),
  'long.partFailed': (a) => vscode.l10n.t('{part} failed: {reason} Nothing was written.', a),
  'catalog.notServed': (a) => vscode.l10n.t('{model} does not serve this operation', a),
  'catalog.noOption': (a) => vscode.l10n.t('{model} has no {wire} option', a),
  'catalog.noOptionTakers': (a) => vscode.l10n.t('{model} has no {wire} option (it is for {models})', a),
  'catalog.needsV1': (a) => vscode.l10n.t('{wire} needs the v1 API (set azureOpenAIMedia.apiVersion to "v1")', a),
  'size.noAuto': () => vscode.l10n.t('auto is not a size this model takes'),
  'size.oneOf': (a) => vscode.l10n.t('use one of: {values}', a),
  'size.form': () => vscode.l10n.t('a size is "auto" or WIDTHxHEIGHT in pixels, such as 1024x1024'),
  'size.notText': () => vscode.l10n.t('a size is text'),
  'size.multiple': (a) => vscode.l10n.t('both edges must be multiples of {multiple}; try {suggestion}', a),
  'size.maxEdge': (a) => vscode.l10n.t('the longest edge may be at most {max} pixels', a),
  'size.ratio': (a) => vscode.l10n.t('the long edge may be at most {ratio} times the short one ({ratio}:1)', a),
  'size.pixels': (a) => vscode.l10n.t('{size} is {pixels} pixels; the size must have {min} to {max} pixels in all', a),
  'lifecycle.retired': (a) => vscode.l10n.t('{model} was retired on Azure on {date}; deploy {replacement} instead.', a),
  'lifecycle.retiredNoSuccessor': (a) => vscode.l10n.t('{model} was retired on Azure on {date}; Azure names no successor yet.', a),
  'lifecycle.retiring': (a) => vscode.l10n.t('{model} retires on Azure on {date}; deploy {replacement} instead.', a),
  'lifecycle.retiringNoSuccessor': (a) => vscode.l10n.t('{model} retires on Azure on {date}; Azure names no successor yet.', a),
  'wav.notRiff': () => vscode.l10n.t('is not a RIFF/WAVE file'),
  'wav.badChunk': () => vscode.l10n.t('has a malformed chunk before its data'),
  'wav.badFmt': () => vscode.l10n.t('has a malformed fmt chunk'),
  'wav.dataFirst': () => vscode.l10n.t('has its data before its fmt chunk'),
  'wav.noData': () => vscode.l10n.t('has no data chunk'),
  'wav.noFmt': () => vscode.l10n.t('has no usable fmt chunk before its data'),
  'wav.zeroLayout': () => vscode.l10n.t('has a zero block size, byte rate or channel count'),
  'wav.partsTooSmall': (a) => vscode.l10n.t('cannot be split into parts of at most {bytes} bytes', a),
  'mp3.noFrames': () => vscode.l10n.t('has no MPEG audio frames'),
  'join.badPart': (a) => vscode.l10n.t('Part {index} {reason}', a),
  'join.wavFormat': (a) => vscode.l10n.t('Part {index} has a different sample format than part 1; the parts cannot be joined.', a),
  'join.mp3NoFrames': (a) => vscode.l10n.t('Part {index} holds no MPEG audio frames; the parts cannot be joined.', a),
  'join.notOgg': (a) => vscode.l10n.t('Part {index} is not an Ogg stream; the parts cannot be joined.', a),
  'ffmpeg.noDuration': (a) => vscode.l10n.t('ffmpeg could not read the file\'s duration: {detail}', a),
  'ffmpeg.cutFailed': (a) => vscode.l10n.t('ffmpeg could not cut the file: {detail}', a),
  'ffmpeg.exitCode': (a) => vscode.l10n.t('exit code {code}', a),
  'ffmpeg.partsTooLarge': () => vscode.l10n.t('ffmpeg could not cut the file into parts small enough'),
  'upload.stopped': () => vscode.l10n.t('The upload was stopped.'),
  'upload.shrank': (a) => vscode.l10n.t('{name} became shorter while it was being uploaded.', a),
  'naming.noFreeName': (a) => vscode.l10n.t('No free file name like {name} after {limit} tries.', a),
  'long.progressFile': (a) => vscode.l10n.t('{name}: part {index} of {count}', a),
  'long.progress': (a) => vscode.l10n.t('part {index} of {count}', a),
  'join.flacAsWav': (a) =>
    vscode.l10n.t('FLAC parts cannot be joined without re-encoding, so the {count} parts were made as WAV and joined into one lossless WAV file.', a),
  'category.hate': () => vscode.l10n.t('hate'),
  'category.sexual': () => vscode.l10n.t('sexual'),
  'category.violence': () => vscode.l10n.t('violence'),
  'category.self_harm': () => vscode.l10n.t('self-harm'),
  'category.jailbreak': () => vscode.l10n.t('jailbreak'),
  'category.indirect_attack': () => vscode.l10n.t('indirect attack'),
  'category.profanity': () => vscode.l10n.t('profanity'),
  'category.protected_material_text': () => vscode.l10n.t('protected text'),
  'category.protected_material_code': () => vscode.l10n.t('protected code'),
  'category.custom_blocklists': () => vscode.l10n.t('custom blocklist'),
  'engine.noImage': () => vscode.l10n.t('The service returned no image.'),
  'engine.speakerUnreadable': (a) =>
    vscode.l10n.t('The known speaker "{name}" refers to {path}, which cannot be read. Fix azureOpenAIMedia.transcription.knownSpeakers.', a),
  'engine.speakersFix': (a) => vscode.l10n.t('{problem} Fix azureOpenAIMedia.transcription.knownSpeakers.', a),
  'engine.outsideRoot': (a) => vscode.l10n.t('{setting} "{value}" must be a relative path inside the workspace.', a),
  'estimate.noPrice': (a) => vscode.l10n.t('No list price for the model {model}.', a),
  'estimate.noPriceOptions': (a) => vscode.l10n.t('No list price for {model} with these options.', a),
  'estimate.afterRun': () => vscode.l10n.t('The actual cost shows after the run.'),
  'estimate.addPrice': () => vscode.l10n.t('You can add a price in azureOpenAIMedia.cost.prices.'),
  'estimate.why': (a) => vscode.l10n.t('{first} {then}', a),
  'discovery.noSubscriptions': () =>
    vscode.l10n.t('The account you signed in with sees no Azure subscription. Sign in with the account of your Azure OpenAI resource, or enter the endpoint and a key instead.'),
  'discovery.noResources': (a) =>
    vscode.l10n.t('No Azure OpenAI or AI Services resource was found in {count} subscriptions. Create one in the Azure portal, or enter the endpoint and a key instead.', a),
  'discovery.forbidden': (a) =>
    vscode.l10n.t('You may not {action} on {scope}: ask an owner for the {role} role there, or enter the endpoint and a key instead.', a),
  'discovery.tenantSignIn': (a) =>
    vscode.l10n.t('Directory {tenant} needs a sign-in of its own: set azureOpenAIMedia.entra.tenantId to {tenant} and sign in again to see its subscriptions.', a),
  'discovery.localAuthDisabled': (a) =>
    vscode.l10n.t('Keys are disabled on {account} (disableLocalAuth); sign in with Microsoft Entra ID instead.', a),
  'discovery.throttled': (a) =>
    vscode.l10n.t('Azure Resource Manager is throttling requests; try again in {seconds} seconds.', a),
  'discovery.unauthorized': (a) =>
    vscode.l10n.t('Azure refused the sign-in ({code}); sign in again, or enter the endpoint and a key instead.', a),
  'discovery.emptyResource': (a) =>
    vscode.l10n.t('{account} has no deployments yet; deploy a model in Azure AI Foundry first.', a),
  'discovery.badAnswer': (a) =>
    vscode.l10n.t('Azure sent an answer that could not be read ({what}); try again.', a),
  'discovery.failed': (a) =>
    vscode.l10n.t('Discovery failed: {reason}', a),
  'discovery.gateway': (a) =>
    vscode.l10n.t('Discovery is skipped: {host} is not an Azure OpenAI host (an API gateway?), so its deployments are entered by hand.', a),
  'discovery.noCloud': () =>
    vscode.l10n.t('Discovery is skipped: azureOpenAIMedia.cloud is custom but no Resource Manager address is set; set azureOpenAIMedia.management.endpoint.'),
  'discovery.refusedField': (a) =>
    vscode.l10n.t('Deployment {deployment} refused {field}; it is left out of its requests from now on.', a),
  'lifecycle.fromRegion': (a) =>
    vscode.l10n.t('Azure\'s model catalog for {location}, read {date}', a),
  'lifecycle.fromDataPlane': (a) =>
    vscode.l10n.t('the resource\'s models list, read {date}', a),
  'lifecycle.fromTable': (a) =>
    vscode.l10n.t('the extension\'s table (checked {date}); Azure could not be asked', a),
};

/** A core message put into words in the display language; nested messages (a verb, "for gpt-image-1") first. */
export function localize(message: Message): string {
  const args: Args = {};
  for (const [name, value] of Object.entries(message.args)) args[name] = argText(value);
  return ERROR_TEXT[message.id](args);
}

function argText(value: MessageArg): string {
  if (isMessage(value)) return localize(value);
  // A catalog word is in the bundle as it is (scripts/l10n-export.js adds the catalog's labels and descriptions).
  if (isTerm(value)) return vscode.l10n.t(value.term);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return value.map(argText).join(', ');
}

/** Content-filter categories (Azure's names) in the display language, joined. */
export function categoryNames(categories: readonly string[]): string {
  return argText(categories.map(categoryArg));
}

/** Our sentence of a MediaApiError in the display language; an error made from a plain string keeps its English. */
export function errorSummary(err: MediaApiError): string {
  return err.messageId ? localize({ id: err.messageId, args: err.args ?? {} }) : err.summary;
}

/**
 * What a user is shown of an error of the core in the display language: a MediaApiError's or a WordedError's sentence;
 * any other error's text as it is (a file system's or Node's own words, which the core does not write).
 */
export function errorText(err: unknown): string {
  if (WordedError.is(err)) return localize(err.text);
  if (MediaApiError.is(err)) return errorSummary(err);
  return err instanceof Error ? err.message : String(err);
}
