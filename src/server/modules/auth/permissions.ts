/** The rule table lives in src/common so the web app shows only what the server will allow; one copy. */
export * from '../../../common/permissions';
