/** 居民身份证号码 (GB 11643-1999): the check lives in shared/ so the web form judges it the same way. */
export {
  ID_NUMBER_MESSAGES,
  idNumberCheckChar,
  validateIdNumber,
  type IdNumberProblem,
  type IdNumberResult,
} from '../../../../shared/idnumber.js';
