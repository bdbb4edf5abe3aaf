import type { FormInstance } from 'antd';

/**
 * The form's values, or null when a field is invalid: antd then shows the message under each field,
 * and the rejection is handled here instead of escaping as an uncaught error (issue 11: an empty
 * solution form threw in the console). Any other error is rethrown.
 */
export async function validValues<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch (e) {
    if (e && typeof e === 'object' && 'errorFields' in e) return null;
    throw e;
  }
}
