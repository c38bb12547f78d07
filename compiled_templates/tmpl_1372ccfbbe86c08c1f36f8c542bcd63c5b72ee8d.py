from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_signatures.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_lisible = resolve('lisible')
    l_0_reponse = resolve('reponse')
    l_0_pret_personnel = resolve('pret_personnel')
    l_0_profil = resolve('profil')
    l_0_sig_entreprise = resolve('sig_entreprise')
    l_0_qual_entreprise = resolve('qual_entreprise')
    l_0_sig_association = resolve('sig_association')
    l_0_qual_association = resolve('qual_association')
    l_0_parties = resolve('parties')
    l_0_e4 = l_0_e5 = l_0_r5 = l_0_numero_signatures = missing
    try:
        t_1 = environment.filters['cellule']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'cellule' found.")
    try:
        t_2 = environment.filters['en_ligne']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'en_ligne' found.")
    try:
        t_3 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_0_e4 = environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape4')
    context.vars['e4'] = l_0_e4
    context.exported_vars.add('e4')
    l_0_e5 = environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape5')
    context.vars['e5'] = l_0_e5
    context.exported_vars.add('e5')
    l_0_r5 = environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape5')
    context.vars['r5'] = l_0_r5
    context.exported_vars.add('r5')
    l_0_numero_signatures = (4 if (environment.getattr((undefined(name='r5') if l_0_r5 is missing else l_0_r5), 'forme_juridique') == 'convention_mecenat') else 3)
    context.vars['numero_signatures'] = l_0_numero_signatures
    context.exported_vars.add('numero_signatures')
    yield '# '
    yield escape(environment.finalize((undefined(name='numero_signatures') if l_0_numero_signatures is missing else l_0_numero_signatures)))
    yield '. Signatures\n\n'
    if (environment.getattr((undefined(name='r5') if l_0_r5 is missing else l_0_r5), 'forme_juridique') == 'sans_contrat'):
        pass
        yield 'Sans objet\xa0: les partenaires ont choisi de ne pas signer de convention.\n'
    else:
        pass
        l_0_pret_personnel = (environment.getattr((undefined(name='r5') if l_0_r5 is missing else l_0_r5), 'mise_a_disposition_forme') in ['pret_main_oeuvre', 'les_deux'])
        context.vars['pret_personnel'] = l_0_pret_personnel
        context.exported_vars.add('pret_personnel')
        if ((undefined(name='profil') if l_0_profil is missing else l_0_profil) == 'entreprise'):
            pass
            (l_0_sig_entreprise, l_0_qual_entreprise) = (environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'organisation_representant'), environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'organisation_qualite'))
            context.vars.update({'qual_entreprise': l_0_qual_entreprise, 'sig_entreprise': l_0_sig_entreprise})
            context.exported_vars.update(('qual_entreprise', 'sig_entreprise'))
            (l_0_sig_association, l_0_qual_association) = (environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'partenaire_representant'), environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'partenaire_qualite'))
            context.vars.update({'qual_association': l_0_qual_association, 'sig_association': l_0_sig_association})
            context.exported_vars.update(('qual_association', 'sig_association'))
        else:
            pass
            (l_0_sig_association, l_0_qual_association) = (environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'organisation_representant'), environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'organisation_qualite'))
            context.vars.update({'qual_association': l_0_qual_association, 'sig_association': l_0_sig_association})
            context.exported_vars.update(('qual_association', 'sig_association'))
            (l_0_sig_entreprise, l_0_qual_entreprise) = (environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'partenaire_representant'), environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'partenaire_qualite'))
            context.vars.update({'qual_entreprise': l_0_qual_entreprise, 'sig_entreprise': l_0_sig_entreprise})
            context.exported_vars.update(('qual_entreprise', 'sig_entreprise'))
        yield 'La convention se termine par la formule suivante, à reprendre telle quelle\xa0:\n\n'
        if environment.getattr((undefined(name='r5') if l_0_r5 is missing else l_0_r5), 'signature_electronique'):
            pass
            yield '> Fait à '
            yield escape(environment.finalize(t_2(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'lieu_signature'))))
            yield ', le '
            yield escape(environment.finalize(t_2(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'date_signature_prevue'))))
            yield ', par signature électronique, chacune des deux parties recevant un exemplaire de l’acte signé.\n\nUne signature électronique conforme aux articles 1366 et 1367 du Code civil satisfait l’exigence d’un original par partie si chacune dispose d’un exemplaire ou peut y accéder (article 1375). Sur papier, la formule devient\xa0: «\xa0… en deux exemplaires originaux, dont un pour chaque partie\xa0».\n'
        else:
            pass
            yield '> Fait à '
            yield escape(environment.finalize(t_2(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'lieu_signature'))))
            yield ', le '
            yield escape(environment.finalize(t_2(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'date_signature_prevue'))))
            yield ', en deux exemplaires originaux, dont un pour chaque partie.\n'
        yield '\n| Pour l’Association | Pour l’Entreprise |\n|------------------------------|------------------------------|\n| '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='parties') if l_0_parties is missing else l_0_parties), 'association'))))
        yield ' | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='parties') if l_0_parties is missing else l_0_parties), 'entreprise'))))
        yield ' |\n| Nom\xa0: '
        yield escape(environment.finalize(t_1((undefined(name='sig_association') if l_0_sig_association is missing else l_0_sig_association))))
        yield ' | Nom\xa0: '
        yield escape(environment.finalize(t_1((undefined(name='sig_entreprise') if l_0_sig_entreprise is missing else l_0_sig_entreprise))))
        yield ' |\n| Qualité\xa0: '
        yield escape(environment.finalize(t_1((undefined(name='qual_association') if l_0_qual_association is missing else l_0_qual_association))))
        yield ' | Qualité\xa0: '
        yield escape(environment.finalize(t_1((undefined(name='qual_entreprise') if l_0_qual_entreprise is missing else l_0_qual_entreprise))))
        yield ' |\n| Signature\xa0: | Signature\xa0: |\n\n'
        if (undefined(name='pret_personnel') if l_0_pret_personnel is missing else l_0_pret_personnel):
            pass
            yield '**Salariés mis à disposition.** La convention reste signée par les deux seules parties, quel que soit le nombre de salariés. Le prêt de main-d’œuvre s’organise dans des annexes, sans toucher à la convention quand un salarié arrive ou part\xa0:\n\n- **Annexe – convention de mise à disposition** entre l’Entreprise et l’Association\xa0: durée, identité et qualification de chaque salarié, mode de détermination des salaires, charges et frais professionnels (refacturés ou non)\xa0;\n- **Annexe – avenant au contrat de travail de chaque salarié**, signé par lui après son accord exprès\xa0: travail confié, horaires, lieu d’exécution, caractéristiques du poste\xa0;\n- le comité social et économique de l’Entreprise est consulté au préalable.\n\n*Source\xa0: Code du travail, article L8241-2 (loi n°\xa02011-893 du 28 juillet 2011). Faire signer la convention par chaque salarié ne tient plus dès qu’ils sont nombreux ou se succèdent (repère pratique de partenariat).*\n'
            if environment.getattr((undefined(name='r5') if l_0_r5 is missing else l_0_r5), 'mise_a_disposition_tripartite'):
                pass
                yield '\nLes réponses prévoient que le salarié signe aussi la convention (convention à trois)\xa0: l’avenant de chaque salarié en tient lieu\xa0; à revoir avec les juristes.\n'
            yield '\n'
        if t_3(environment.getattr((undefined(name='r5') if l_0_r5 is missing else l_0_r5), 'signature_electronique')):
            pass
            yield '- **Signature électronique\xa0:** '
            yield escape(environment.finalize(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'signature_electronique')))
            yield '\n'
        yield '- **Pouvoir des signataires vérifié\xa0:** '
        yield escape(environment.finalize(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'pouvoir_signataires')))
        yield '\n- Chaque signataire doit tenir son pouvoir des statuts, d’une délibération ou d’une délégation écrite, à citer dans la désignation des parties.\n- Chaque page et chaque annexe sont paraphées. La mention «\xa0Lu et approuvé\xa0» est d’usage mais n’est pas exigée (Cass. 1^re^ civ., 30 octobre 2008, n°\xa007-20.001).\n\n*Source\xa0: Code civil, articles 1366, 1367 et 1375\xa0; pratique actuelle des conventions (2026).*\n'

blocks = {}
debug_info = '7=39&8=48&9=52&11=54&14=59&15=62&16=64&17=67&19=72&20=75&24=79&25=82&29=89&34=94&35=98&36=102&39=106&47=109&53=113&54=116&56=119'