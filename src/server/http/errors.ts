/**
 * The one error type of the server. Domain and service code throw AppError with a stable code; the HTTP layer
 * turns it into RFC 9457 problem+json with the status and the Vietnamese/English texts from the table below.
 */
export type Lang = 'vi' | 'en';
type Text = { vi: string; en: string };
type Params = Record<string, string | number>;

const CATALOGUE = {
  validation_failed: { status: 400, title: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' } },
  bad_request: { status: 400, title: { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' } },
  unauthenticated: { status: 401, title: { vi: 'Chưa đăng nhập', en: 'Not signed in' } },
  invalid_credentials: {
    status: 401,
    title: { vi: 'Sai tên đăng nhập hoặc mật khẩu', en: 'Wrong username or password' },
  },
  forbidden: { status: 403, title: { vi: 'Không có quyền', en: 'Not allowed' } },
  csrf_failed: {
    status: 403,
    title: {
      vi: 'Phiên làm việc không hợp lệ, hãy tải lại trang',
      en: 'Invalid CSRF token; reload the page',
    },
  },
  password_change_required: {
    status: 403,
    title: { vi: 'Cần đổi mật khẩu trước khi tiếp tục', en: 'Change your password to continue' },
  },
  not_found: { status: 404, title: { vi: 'Không tìm thấy', en: 'Not found' } },
  conflict: { status: 409, title: { vi: 'Xung đột dữ liệu', en: 'Conflict' } },
  payload_too_large: { status: 413, title: { vi: 'Dữ liệu gửi lên quá lớn', en: 'Payload too large' } },
  rate_limited: { status: 429, title: { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' } },
  internal: { status: 500, title: { vi: 'Lỗi hệ thống', en: 'Internal error' } },
  unavailable: { status: 503, title: { vi: 'Hệ thống tạm thời không sẵn sàng', en: 'Service unavailable' } },
} satisfies Record<string, { status: number; title: Text }>;

export type ErrorCode = keyof typeof CATALOGUE;

export interface FieldError {
  /** Where the bad value is: "query.from", "body.targets.0.communeCode". */
  field: string;
  /** Shown to the person: both languages (the HTTP layer picks one), or one text for both. */
  message: string | Text;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: Text | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    detail?: Text,
    options?: { errors?: FieldError[]; headers?: Record<string, string> },
  ) {
    super(detail?.en ?? code);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.errors = options?.errors;
    this.headers = options?.headers;
  }

  get status(): number {
    return CATALOGUE[this.code].status;
  }

  /** Fastify and its plugins read `statusCode`. */
  get statusCode(): number {
    return this.status;
  }
}

export function titleOf(code: ErrorCode, lang: Lang): string {
  return CATALOGUE[code].title[lang];
}

/** Fills {name} placeholders in both languages. */
export function text(vi: string, en: string, params: Params = {}): Text {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
  return { vi: fill(vi), en: fill(en) };
}

/** `find*` may return nothing; `get*` uses this to throw the typed not-found. */
export function notFound(entityVi: string, entityEn: string, id: string): AppError {
  return new AppError(
    'not_found',
    text('Không tìm thấy {e} "{id}".', 'No {en} "{id}".', { e: entityVi, en: entityEn, id }),
  );
}

/** A 400 naming the one field that is wrong, with the same text as detail and field message. */
export function fieldError(field: string, vi: string, en: string, params: Params = {}): AppError {
  const message = text(vi, en, params);
  return new AppError('validation_failed', message, { errors: [{ field, message }] });
}
