/**
 * The messages XãSố sends to citizens and officials, in Vietnamese and English: a subject, a text body (e-mail,
 * Zalo) and a short text for SMS (≤ 300 characters, diacritics kept: a Vietnamese SMS is read with them).
 * Rendered once, when the message is queued, so the outbox keeps exactly what was sent.
 *
 * Placeholders are `{name}`. Values are filled in one pass (a value that itself contains "{code}" stays as typed),
 * stripped of control characters, folded to one line and cut to a length; a line whose placeholder has no value is
 * left out (the optional lines: a reason, a link), so a caller that lacks a detail never sends "undefined".
 */
import type { TemplateKey } from './notify';

export type Locale = 'vi' | 'en';
export type Params = Record<string, string | number | null | undefined>;

interface Template {
  subject: string;
  body: string;
  sms: string;
}

const SIGNATURE = {
  vi: '\n\nĐây là tin nhắn tự động của hệ thống XãSố, vui lòng không trả lời thư này.',
  en: '\n\nThis is an automatic message from XãSố; please do not reply.',
};

export const TEMPLATES: Record<TemplateKey, Record<Locale, Template>> = {
  'dossier.received': {
    vi: {
      subject: 'Đã tiếp nhận hồ sơ {code}',
      body: 'Kính gửi Ông/Bà {name},\n{communeName} đã tiếp nhận hồ sơ {code} ({procedureName}).\nNgày hẹn trả kết quả: {dueDate}.\nTra cứu tình trạng hồ sơ: {url}',
      sms: '{communeName} đã tiếp nhận hồ sơ {code}. Hẹn trả kết quả ngày {dueDate}. Tra cứu: {url}',
    },
    en: {
      subject: 'Dossier {code} received',
      body: 'Dear {name},\n{communeName} has received your dossier {code} ({procedureName}).\nResult due on: {dueDate}.\nFollow the dossier: {url}',
      sms: '{communeName} received dossier {code}. Result due {dueDate}. Follow: {url}',
    },
  },
  'dossier.supplement_requested': {
    vi: {
      subject: 'Hồ sơ {code} cần bổ sung',
      body: 'Kính gửi Ông/Bà {name},\nHồ sơ {code} ({procedureName}) cần bổ sung, hoàn thiện.\nLý do: {reason}\nGiấy tờ cần bổ sung: {items}\nVui lòng liên hệ Bộ phận một cửa {communeName}.\nTra cứu: {url}',
      sms: 'Hồ sơ {code} cần bổ sung: {items}. Lý do: {reason}. Liên hệ bộ phận một cửa {communeName}.',
    },
    en: {
      subject: 'Dossier {code} needs a supplement',
      body: 'Dear {name},\nDossier {code} ({procedureName}) needs to be supplemented.\nReason: {reason}\nDocuments to add: {items}\nPlease contact the one-stop desk of {communeName}.\nFollow the dossier: {url}',
      sms: 'Dossier {code} needs a supplement: {items}. Reason: {reason}. Contact the one-stop desk of {communeName}.',
    },
  },
  'dossier.result_ready': {
    vi: {
      subject: 'Hồ sơ {code} đã có kết quả',
      body: 'Kính gửi Ông/Bà {name},\nHồ sơ {code} ({procedureName}) đã có kết quả.\nMời Ông/Bà đến nhận kết quả tại Bộ phận một cửa {communeName}, mang theo giấy tờ tùy thân và phiếu hẹn.\nTra cứu: {url}',
      sms: 'Hồ sơ {code} đã có kết quả. Mời nhận tại bộ phận một cửa {communeName}, mang giấy tờ tùy thân và phiếu hẹn.',
    },
    en: {
      subject: 'The result of dossier {code} is ready',
      body: 'Dear {name},\nThe result of dossier {code} ({procedureName}) is ready.\nPlease collect it at the one-stop desk of {communeName}, with your identity document and appointment slip.\nFollow the dossier: {url}',
      sms: 'The result of dossier {code} is ready. Collect it at the one-stop desk of {communeName} with your ID and slip.',
    },
  },
  'dossier.appointment_moved': {
    vi: {
      subject: 'Hồ sơ {code}: ngày hẹn trả kết quả thay đổi',
      body: 'Kính gửi Ông/Bà {name},\nNgày hẹn trả kết quả hồ sơ {code} ({procedureName}) đổi từ {previousDueDate} sang {dueDate}.\nLý do: {reason}\nXin lỗi Ông/Bà vì sự bất tiện.\nTra cứu: {url}',
      sms: 'Hồ sơ {code}: ngày hẹn trả kết quả đổi từ {previousDueDate} sang {dueDate}. Lý do: {reason}',
    },
    en: {
      subject: 'Dossier {code}: new date for the result',
      body: 'Dear {name},\nThe date for the result of dossier {code} ({procedureName}) moved from {previousDueDate} to {dueDate}.\nReason: {reason}\nWe apologise for the inconvenience.\nFollow the dossier: {url}',
      sms: 'Dossier {code}: the result date moved from {previousDueDate} to {dueDate}. Reason: {reason}',
    },
  },
  'feedback.received': {
    vi: {
      subject: 'Đã tiếp nhận phản ánh {code}',
      body: 'Kính gửi Ông/Bà {name},\n{communeName} đã tiếp nhận phản ánh, kiến nghị {code}: "{title}".\nThời hạn trả lời: {dueDate}.\nTheo dõi phản ánh: {url}',
      sms: 'Đã tiếp nhận phản ánh {code}. Hạn trả lời: {dueDate}. Theo dõi: {url}',
    },
    en: {
      subject: 'Report {code} received',
      body: 'Dear {name},\n{communeName} has received your report {code}: "{title}".\nAnswer due by: {dueDate}.\nFollow the report: {url}',
      sms: 'Report {code} received. Answer due {dueDate}. Follow: {url}',
    },
  },
  'feedback.rejected': {
    vi: {
      subject: 'Phản ánh {code} không được thụ lý',
      body: 'Kính gửi Ông/Bà {name},\nPhản ánh, kiến nghị {code} ("{title}") không thuộc phạm vi giải quyết của {communeName}.\nLý do: {reason}\nTheo dõi phản ánh: {url}',
      sms: 'Phản ánh {code} không được thụ lý. Lý do: {reason}',
    },
    en: {
      subject: 'Report {code} not accepted',
      body: 'Dear {name},\nYour report {code} ("{title}") is outside what {communeName} handles.\nReason: {reason}\nFollow the report: {url}',
      sms: 'Report {code} not accepted. Reason: {reason}',
    },
  },
  'feedback.forwarded': {
    vi: {
      subject: 'Phản ánh {code} đã được chuyển đến {targetName}',
      body: 'Kính gửi Ông/Bà {name},\nPhản ánh, kiến nghị {code} ("{title}") đã được chuyển đến {targetName} để giải quyết.\nLý do: {reason}\nTheo dõi phản ánh: {url}',
      sms: 'Phản ánh {code} đã được chuyển đến {targetName} để giải quyết. Theo dõi: {url}',
    },
    en: {
      subject: 'Report {code} forwarded to {targetName}',
      body: 'Dear {name},\nYour report {code} ("{title}") was forwarded to {targetName}, which will handle it.\nReason: {reason}\nFollow the report: {url}',
      sms: 'Report {code} forwarded to {targetName}. Follow: {url}',
    },
  },
  'feedback.answered': {
    vi: {
      subject: 'Trả lời phản ánh {code}',
      body: 'Kính gửi Ông/Bà {name},\n{communeName} trả lời phản ánh, kiến nghị {code} ("{title}"):\n\n{answer}\n\nMời Ông/Bà cho biết vấn đề đã được giải quyết chưa: {url}',
      sms: 'Phản ánh {code} đã có trả lời. Xem và đánh giá: {url}',
    },
    en: {
      subject: 'Answer to report {code}',
      body: 'Dear {name},\n{communeName} answers your report {code} ("{title}"):\n\n{answer}\n\nPlease tell us whether it was resolved: {url}',
      sms: 'Report {code} has been answered. Read and rate it: {url}',
    },
  },
  'feedback.reopened': {
    vi: {
      subject: 'Phản ánh {code} được mở lại',
      body: 'Người phản ánh cho biết vấn đề của phản ánh {code} ("{title}") chưa được giải quyết; phản ánh được mở lại.\nÝ kiến: {comment}\nXem phản ánh: {url}',
      sms: 'Phản ánh {code} được mở lại: người dân cho biết chưa được giải quyết.',
    },
    en: {
      subject: 'Report {code} reopened',
      body: 'The reporter says report {code} ("{title}") was not resolved; it has been reopened.\nComment: {comment}\nOpen the report: {url}',
      sms: 'Report {code} reopened: the reporter says it was not resolved.',
    },
  },
  'feedback.escalated_leader': {
    vi: {
      subject: 'Phản ánh {code} quá hạn',
      body: 'Phản ánh, kiến nghị {code} ("{title}") đã đến hạn {dueDate} mà chưa được trả lời; đề nghị lãnh đạo chỉ đạo giải quyết.\nXem phản ánh: {url}',
      sms: 'Phản ánh {code} quá hạn {dueDate} chưa trả lời, đề nghị lãnh đạo chỉ đạo.',
    },
    en: {
      subject: 'Report {code} is overdue',
      body: 'Report {code} ("{title}") was due on {dueDate} and has not been answered; the leader is asked to act.\nOpen the report: {url}',
      sms: 'Report {code} overdue since {dueDate}, not answered; please act.',
    },
  },
  'feedback.escalated_province': {
    vi: {
      subject: 'Phản ánh {code} của {communeName} quá hạn, chuyển lên tỉnh',
      body: 'Phản ánh, kiến nghị {code} ("{title}") của {communeName} quá hạn {dueDate} mà chưa được trả lời; đã chuyển lên tỉnh theo dõi.\nXem phản ánh: {url}',
      sms: 'Phản ánh {code} của {communeName} quá hạn {dueDate}, đã chuyển lên tỉnh.',
    },
    en: {
      subject: 'Report {code} of {communeName} overdue, escalated to the province',
      body: 'Report {code} ("{title}") of {communeName} was due on {dueDate} and has not been answered; it is now followed by the province.\nOpen the report: {url}',
      sms: 'Report {code} of {communeName} overdue since {dueDate}, escalated to the province.',
    },
  },
};

export const SMS_MAX = 300;
/** Longest value of one placeholder (an answer may be long; anything else is a name, a code, a date). */
const VALUE_MAX = { answer: 4000, comment: 1000, default: 300 } as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/** A value as it may appear in a message: no control characters, one line unless multi-line text, cut. */
function clean(name: string, value: Params[string], multiline: boolean): string {
  if (value === null || value === undefined) return '';
  let s = String(value).replace(CONTROL, '');
  s = multiline ? s.replace(/\r\n?/g, '\n').trim() : s.replace(/\s+/g, ' ').trim();
  const max = VALUE_MAX[name as keyof typeof VALUE_MAX] ?? VALUE_MAX.default;
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Dates given as YYYY-MM-DD read as dd/MM/yyyy (Vietnamese and English readers alike). */
function asDisplayed(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : v;
}

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

/** Fills one template text: lines whose placeholder is empty are left out; the remaining lines kept. */
export function fill(template: string, params: Params, options: { multiline?: boolean } = {}): string {
  const values = new Map<string, string>();
  const valueFor = (name: string) => {
    if (!values.has(name)) {
      const raw = clean(name, params[name], !!options.multiline && name !== 'name');
      values.set(name, asDisplayed(raw));
    }
    return values.get(name)!;
  };
  const lines = template.split('\n').filter((line) => {
    const names = [...line.matchAll(PLACEHOLDER)].map((m) => m[1]!);
    return names.every((n) => valueFor(n) !== '');
  });
  return lines.map((line) => line.replace(PLACEHOLDER, (_m, n: string) => valueFor(n))).join('\n');
}

/** A short text of at most `max` characters: sentences that don't fit are dropped, the last one cut. */
function shorten(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}

export interface Rendered {
  subject: string;
  body: string;
}

/**
 * The message of a template for a channel: e-mail gets the subject and the full body (with the signature); SMS
 * gets the short text (≤ 300 characters); Zalo gets the full body (a Zalo message is not limited like an SMS).
 */
export function render(
  key: TemplateKey,
  locale: Locale,
  params: Params,
  channel: 'email' | 'sms' | 'zalo' | 'log',
): Rendered {
  const t = TEMPLATES[key][locale];
  const subject = shorten(fill(t.subject, params), 250);
  if (channel === 'sms') {
    // A subject-less line of its own; the sentence with an empty value is dropped like a line.
    const text = t.sms
      .split(/(?<=\.)\s+/)
      .map((sentence) => fill(sentence, params))
      .filter(Boolean)
      .join(' ');
    return { subject, body: shorten(text, SMS_MAX) };
  }
  const body = fill(t.body, params, { multiline: true });
  return { subject, body: channel === 'email' ? `${body}${SIGNATURE[locale]}` : body };
}
