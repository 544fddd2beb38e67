// The only module that talks to the HTTP API: JSON in and out, session cookie, CSRF header.

/** An API failure: `status` (0 = network), `detail` (string or FastAPI's list), `reason` (409). */
export class ApiError extends Error {
  constructor(status, detail, reason = null, body = null) {
    super(typeof detail === "string" ? detail : `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.detail = detail;
    this.reason = reason;
    this.body = body;
  }
}

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute("content") : null;
}

/** Call the API; resolve with the parsed JSON (null for 204), reject with ApiError. */
export async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  const init = { method, headers, credentials: "same-origin" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const token = csrfToken();
  if (token) headers["X-CSRF-Token"] = token;
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, String(error && error.message ? error.message : error));
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { detail: text.slice(0, 500) };
    }
  }
  if (!response.ok) {
    const detail = data && data.detail !== undefined ? data.detail : response.statusText;
    throw new ApiError(response.status, detail, data ? data.reason || null : null, data);
  }
  return data;
}

/** Build "path?k=v" from the non-empty entries of `params`. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") query.set(key, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Split an ApiError into messages per field and general messages.
 * 422: each {loc, msg} goes to the last string in loc that is a known field
 * (loc may end with a list index, e.g. ["body", "languages", 0]); 409: `reason` names the field.
 */
export function fieldErrors(error, knownFields) {
  const known = new Set(knownFields || []);
  const fields = {};
  const general = [];
  const add = (field, message) => {
    (fields[field] = fields[field] || []).push(message);
  };
  if (Array.isArray(error.detail)) {
    for (const item of error.detail) {
      const loc = Array.isArray(item.loc) ? item.loc : [];
      const strings = loc.filter((part) => typeof part === "string" && part !== "body" && part !== "query");
      const field = [...strings].reverse().find((part) => known.has(part));
      const message = String(item.msg || "invalid");
      if (field) add(field, message);
      else general.push(message);
    }
  } else {
    const message = typeof error.detail === "string" ? error.detail : error.message;
    if (error.reason && known.has(error.reason)) add(error.reason, message);
    else general.push(message);
  }
  return { fields, general };
}
