// Language detection for mentions (pure: franc-min is plain JavaScript over trigram tables, no I/O), and the rule
// that decides which texts a sentiment model may score: the languages it was trained on, and nothing it would
// only be guessing at.
import { francAll } from 'franc-min';

/** ISO 639-3 code of an undetermined language (franc's answer, and ours, when a text is too short or mixed). */
export const undeterminedLanguage = 'und';

/** Shorter texts (letters only, after removing links, handles and emoji) are not trusted to franc. */
export const francMinLength = 24;

export type LanguageGuess = {
  /** ISO 639-3 (`eng`, `spa`, `rus`…) or `und`. */
  language: string;
  /** How the answer was reached: franc's trigrams, a stopword count, the script alone, or nothing to read. */
  method: 'trigram' | 'stopwords' | 'script' | 'none';
};

const englishStopwords = new Set(
  (
    'the a an and or but is are was were be been am i you he she it we they me my your our their this that these ' +
    'those of to in on at for with from by not no so very just do does did have has had will would can could ' +
    "should what why how when who all any don't can't won't i'm it's you're im dont cant wont is isn't was wasn't " +
    'love hate good bad great thanks thank please yes get got says said next now today day time new really one ' +
    'more out up like know back want go going see still way people after over never again first last only also ' +
    'well even best worst ever here there every week night tomorrow yesterday help hours wait waiting late early ' +
    'service customer delivery delayed order money refund phone app update again worst awesome amazing terrible ' +
    'awful sucks lol omg guys thing things someone anyone nobody everyone much many make made need needs'
  ).split(' '),
);

// Words that are common in the Latin-script languages franc-min knows and rare in English.
const otherStopwords = new Set(
  (
    'el la los las de del que y en un una es por para con no muy pero le les des et est pas une dans pour ' +
    'der die das und ist nicht ein eine mit auf ich sie wir het een niet ik je il di che non per sono una ' +
    'o os as um uma não com é da do em na ne'
  ).split(' '),
);

/** Scripts that name their language on their own (other scripts are shared by several languages). */
const uniqueScripts: [RegExp, string][] = [
  [/\p{Script=Hangul}/u, 'kor'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'jpn'],
  [/\p{Script=Thai}/u, 'tha'],
  [/\p{Script=Greek}/u, 'ell'],
  [/\p{Script=Hebrew}/u, 'heb'],
  [/\p{Script=Armenian}/u, 'hye'],
  [/\p{Script=Georgian}/u, 'kat'],
];

const noise = /https?:\/\/\S+|www\.\S+|[@#][\p{L}\p{N}_]+|&\w+;/gu;

/**
 * The language of a short social text. Links, @handles, #hashtags and emoji are ignored; then a text in a script
 * used by one language only (Hangul, kana, Thai, Greek…) is that language; a Latin text with several English
 * function words and none of other languages' is English; anything else with at least `francMinLength` letters
 * goes to franc-min; the rest is `und`.
 */
export function detectLanguage(text: string): LanguageGuess {
  const cleaned = (text.length > 2000 ? text.slice(0, 2000) : text).replace(noise, ' ');
  const letters = cleaned.match(/\p{L}/gu);
  if (letters === null) return { language: undeterminedLanguage, method: 'none' };
  for (const [script, language] of uniqueScripts) {
    const hits = cleaned.match(new RegExp(script.source, 'gu'));
    if (hits !== null && hits.length * 2 >= letters.length) return { language, method: 'script' };
  }
  const latin = cleaned.match(/\p{Script=Latin}/gu)?.length ?? 0;
  let englishWords = 0;
  if (latin * 2 >= letters.length) {
    const words = cleaned.toLowerCase().match(/[\p{L}']+/gu) ?? [];
    let english = 0;
    let other = 0;
    for (const word of words) {
      if (englishStopwords.has(word)) english++;
      else if (otherStopwords.has(word)) other++;
    }
    if (english >= 2 && english >= 3 * other && english * 5 >= words.length) {
      return { language: 'eng', method: 'stopwords' };
    }
    englishWords = other === 0 ? english : 0;
  }
  if (letters.length >= francMinLength) {
    const ranked = francAll(cleaned, { minLength: francMinLength });
    const language = ranked[0]?.[0] ?? undeterminedLanguage;
    if (language !== undeterminedLanguage && language !== 'eng' && englishWords > 0) {
      // Trigrams misread short English (brand names, few function words): English close behind the best guess
      // in an unaccented text with an English word and no other language's function word is English.
      const englishScore = ranked.find(([code]) => code === 'eng')?.[1] ?? 0;
      if (englishScore >= 0.7 && !/[^\p{ASCII}]/u.test(cleaned.replace(/[^\p{L}]/gu, ''))) {
        return { language: 'eng', method: 'trigram' };
      }
    }
    if (language !== undeterminedLanguage) return { language, method: 'trigram' };
  }
  return { language: undeterminedLanguage, method: 'none' };
}

/** True when a text has letters and most of them are Latin (or it has none: emoji, emoticons, numbers). */
export function isLatinOrSymbols(text: string): boolean {
  const cleaned = text.replace(noise, ' ');
  const letters = cleaned.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return true;
  const latin = cleaned.match(/\p{Script=Latin}/gu)?.length ?? 0;
  return latin * 2 >= letters;
}

const iso639_1: Record<string, string> = {
  eng: 'en',
  spa: 'es',
  fra: 'fr',
  deu: 'de',
  por: 'pt',
  ita: 'it',
  nld: 'nl',
  rus: 'ru',
  ukr: 'uk',
  pol: 'pl',
  tur: 'tr',
  arb: 'ar',
  ara: 'ar',
  cmn: 'zh',
  jpn: 'ja',
  kor: 'ko',
  hin: 'hi',
  ben: 'bn',
  ind: 'id',
  vie: 'vi',
  tha: 'th',
  ell: 'el',
  heb: 'he',
  swe: 'sv',
  ces: 'cs',
  ron: 'ro',
  hun: 'hu',
  fin: 'fi',
  dan: 'da',
  nob: 'no',
  pes: 'fa',
  urd: 'ur',
  tgl: 'tl',
  swh: 'sw',
  zlm: 'ms',
  hye: 'hy',
  kat: 'ka',
};

/** The two-letter code (what platforms send: `en`, `es`) of an ISO 639-3 code, or the code itself when none. */
export function toIso639_1(code: string): string {
  return iso639_1[code] ?? code;
}

/** The primary subtag of a platform's language tag, lower-cased (`en-GB` → `en`), or undefined when none. */
export function primaryLanguage(tag: string | null | undefined): string | undefined {
  if (tag === null || tag === undefined) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return primary === '' || primary === 'und' || primary === undefined ? undefined : primary;
}
