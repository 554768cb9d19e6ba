"""The claims the test provider puts in ID tokens, shaped like Microsoft Entra ID's."""

import time

from oauth2_provider.oauth2_validators import OAuth2Validator

from tests.oidc_provider.people import ACCOUNTS, TENANT


class ClaimsValidator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "tid": "openid", "oid": "openid"}

    def get_additional_claims(self, request):
        account = ACCOUNTS[request.user.username]
        claims = {
            "email": account.email,
            "email_verified": account.email_verified,
            "given_name": account.given_name,
            "family_name": account.family_name,
        }
        if account.object_id:
            claims.update(tid=TENANT, oid=account.object_id)
        return claims

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration_time = super().get_id_token_dictionary(token, token_handler, request)
        if ACCOUNTS[request.user.username].expired:
            # Signed properly, but expired an hour ago: the tracker must refuse it.
            claims["exp"] = int(time.time()) - 3600
        return claims, expiration_time
